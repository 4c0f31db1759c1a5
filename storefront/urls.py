from django.urls import path

from storefront import views

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("favicon.ico", views.favicon_ico, name="favicon"),
    path("sitemap.xml", views.sitemap_index, name="sitemap-index"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap-section"),
]
