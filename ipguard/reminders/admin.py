from django.contrib import admin

from ipguard.reminders.models import ReminderPolicy, ReminderPreference, SentReminder


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["created_at", "company", "source", "item_id", "recipient", "slot", "status"]
    list_filter = ["status", "delivery", "source"]
    search_fields = ["recipient__email", "title"]
    raw_id_fields = ["company", "recipient"]


admin.site.register(ReminderPolicy)
admin.site.register(ReminderPreference)
