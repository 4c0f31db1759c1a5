import oscar.apps.search.apps as apps
from django.urls import path


class SearchConfig(apps.SearchConfig):
    """Oscar's search app, forked so /search/ runs our engines instead of haystack; label stays `search`."""

    name = "search"

    def ready(self):
        from search import views

        self.search_view = views.SearchView
        self.suggest_view = views.SuggestView

    def get_urls(self):
        urlpatterns = [
            path("", self.search_view.as_view(), name="search"),
            path("suggest/", self.suggest_view.as_view(), name="suggest"),
        ]
        return self.post_process_urls(urlpatterns)
