from django.urls import path

from . import views

urlpatterns = [
    path("", views.EntryList.as_view(), name="entry-list"),
    path("<int:pk>/", views.EntryDetail.as_view(), name="entry-detail"),
]
