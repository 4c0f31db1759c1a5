from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F401,F403  (Oscar's fork idiom)

from catalogue_ext.models import Craft, District, GITag, OdopDesignation, State


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "gst_code", "kind"]
    search_fields = ["name", "name_hi", "code"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "state", "slug"]
    list_filter = ["state"]
    list_select_related = ["state"]
    search_fields = ["name", "name_hi"]


@admin.register(Craft)
class CraftAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "slug"]
    list_select_related = ["parent"]
    search_fields = ["name", "name_hi"]


@admin.register(GITag)
class GITagAdmin(admin.ModelAdmin):
    list_display = ["name", "state", "district", "goods_class", "registration_number"]
    list_filter = ["goods_class", "state"]
    list_select_related = ["state", "district"]
    search_fields = ["name", "name_hi"]


@admin.register(OdopDesignation)
class OdopDesignationAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "craft", "is_primary"]
    list_filter = ["is_primary", "district__state"]
    list_select_related = ["district", "craft"]
    search_fields = ["name", "district__name"]
