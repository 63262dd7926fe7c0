"""An upload handler that stops reading a file the moment it passes the vault's size limit.

Django's own handlers would first spool the whole body to a temporary file; this one sits in
front of them, passes chunks through unchanged, and skips the rest of a file once it is too big
(the temporary file already begun is closed and removed by Django). The refused names are kept on
the request so the view can say why.
"""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class SizeLimitUploadHandler(FileUploadHandler):
    def __init__(self, request, max_bytes: int) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        request.evidence_oversized = []

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.max_bytes:
            self.request.evidence_oversized.append(self.file_name)
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler builds the uploaded file
