from ipguard.accounts.permissions import may_flags


def current_company(request):
    membership = getattr(request, "membership", None)
    if membership is None:
        return {"membership": None, "company": None, "other_memberships": [], "may": {}}
    others = getattr(request, "other_memberships", None)
    if others is None:  # a request that did not pass through CurrentCompanyMiddleware
        others = (
            request.user.membership_set.select_related("company")
            .exclude(pk=membership.pk)
            .order_by("company__name")
        )
    return {
        "membership": membership,
        "company": membership.company,
        "other_memberships": others,
        "may": may_flags(request),
    }
