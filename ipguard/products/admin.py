from django.contrib import admin

from ipguard.products.models import FtoReview, PlatformBrandRegistration, Product

admin.site.register(Product)
admin.site.register(FtoReview)
admin.site.register(PlatformBrandRegistration)
