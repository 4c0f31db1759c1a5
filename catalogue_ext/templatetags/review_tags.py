from django import template

from catalogue_ext.selectors import product_delivered_to

register = template.Library()


@register.filter
def verified_buyer(review) -> bool:
    """The reviewer bought the product and their parcel was delivered."""
    return bool(review.user_id) and product_delivered_to(user=review.user, product_id=review.product_id)
