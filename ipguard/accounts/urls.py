from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from ipguard.accounts import two_factor_views, views
from ipguard.accounts.forms import EmailLoginForm
from ipguard.accounts.permissions import Level, permission

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path(
        "login/",
        permission(read=Level.ANYONE, write=Level.ANYONE)(
            auth_views.LoginView.as_view(
                template_name="accounts/login.html", authentication_form=EmailLoginForm
            )
        ),
        name="login",
    ),
    path("logout/", permission(write=Level.ANYONE)(auth_views.LogoutView.as_view()), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("two-factor/", two_factor_views.two_factor, name="two_factor"),
    path("two-factor/setup/", two_factor_views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", two_factor_views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/disable/", two_factor_views.two_factor_disable, name="two_factor_disable"),
    path(
        "two-factor/recovery-codes/",
        two_factor_views.recovery_codes_renew,
        name="two_factor_recovery_codes",
    ),
    path(
        "password/change/",
        permission(read=Level.SIGNED_IN, write=Level.SIGNED_IN)(
            auth_views.PasswordChangeView.as_view(
                template_name="accounts/password_change.html",
                success_url=reverse_lazy("accounts:password_change_done"),
            )
        ),
        name="password_change",
    ),
    path(
        "password/change/done/",
        permission(read=Level.SIGNED_IN)(
            auth_views.PasswordChangeDoneView.as_view(
                template_name="accounts/password_change_done.html"
            )
        ),
        name="password_change_done",
    ),
    path("password/reset/", views.password_reset, name="password_reset"),
    path(
        "password/reset/sent/",
        permission(read=Level.ANYONE)(
            auth_views.PasswordResetDoneView.as_view(
                template_name="accounts/password_reset_done.html"
            )
        ),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        permission(read=Level.ANYONE, write=Level.ANYONE)(
            auth_views.PasswordResetConfirmView.as_view(
                template_name="accounts/password_reset_confirm.html",
                success_url=reverse_lazy("accounts:password_reset_complete"),
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        permission(read=Level.ANYONE)(
            auth_views.PasswordResetCompleteView.as_view(
                template_name="accounts/password_reset_complete.html"
            )
        ),
        name="password_reset_complete",
    ),
    path("company/new/", views.company_create, name="company_create"),
    path("company/settings/", views.company_settings, name="company_settings"),
    path("company/switch/<int:company_pk>/", views.company_switch, name="company_switch"),
    path("company/leave/", views.company_leave, name="company_leave"),
    path("company/members/", views.members, name="members"),
    path("company/invitations/", views.invitation_create, name="invitation_create"),
    path(
        "company/invitations/<int:invitation_pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path(
        "company/members/<int:membership_pk>/role/", views.membership_role, name="membership_role"
    ),
    path(
        "company/members/<int:membership_pk>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("invitations/<str:token>/signup/", views.invitation_signup, name="invitation_signup"),
]
