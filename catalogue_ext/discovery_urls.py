"""/states/<code>/, /crafts/<slug>/, /gi/ and /gi/<slug>/ (included under their own namespaces)."""

from django.urls import path

from catalogue_ext import views

state_patterns = [path("<str:code>/", views.StateDetailView.as_view(), name="detail")]
craft_patterns = [path("<slug:slug>/", views.CraftDetailView.as_view(), name="detail")]
gi_patterns = [
    path("", views.GIListView.as_view(), name="list"),
    path("<slug:slug>/", views.GIDetailView.as_view(), name="detail"),
]
