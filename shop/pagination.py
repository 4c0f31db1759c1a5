"""List views share one paging rule: a bad or too-large ?page= shows the nearest page, never a 404."""

from django.core.paginator import Paginator


class ForgivingPaginationMixin:
    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()
