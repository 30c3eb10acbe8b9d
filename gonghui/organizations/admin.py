"""Posts are a global list kept by system administrators."""

from django.contrib import admin

from .models import Post


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ("name", "is_leadership", "sort_order")
