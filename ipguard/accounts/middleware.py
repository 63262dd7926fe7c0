from ipguard.accounts.selectors import current_membership


class CurrentCompanyMiddleware:
    """Attach `request.membership` and `request.company` for the signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        membership = None
        if request.user.is_authenticated:
            membership = current_membership(request.user)
        request.membership = membership
        request.company = membership.company if membership else None
        return self.get_response(request)
