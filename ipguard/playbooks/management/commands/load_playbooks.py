"""Load the checklist content files into the catalogue (safe to re-run)."""

from django.core.management.base import BaseCommand, CommandError

from ipguard.playbooks.content import CONTENT_DIR, ContentError
from ipguard.playbooks.content_store import playbooks_load


class Command(BaseCommand):
    help = (
        "Check the playbook content files and load them: texts are updated, new questions "
        "added and removed ones retired. Answers are never deleted. Nothing is loaded if any "
        "file is broken."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory", default=str(CONTENT_DIR), help="folder of the content YAML files"
        )

    def handle(self, *args, directory, **options):
        try:
            summary = playbooks_load(directory=directory)
        except ContentError as error:
            lines = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(
                f"The playbook content has {len(error.problems)} problem(s); nothing was loaded:\n"
                f"{lines}"
            ) from error
        self.stdout.write(self.style.SUCCESS("Playbook content loaded."))
        for line in summary.lines():
            self.stdout.write(f"  {line}")
