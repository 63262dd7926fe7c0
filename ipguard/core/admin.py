from django.contrib import admin

from ipguard.core.models import WorkerHeartbeat

admin.site.site_header = "IPGuard"
admin.site.register(WorkerHeartbeat)
