from django.views.generic import DetailView, ListView

from .models import Entry


class EntryList(ListView):
    model = Entry
    paginate_by = 10


class EntryDetail(DetailView):
    model = Entry
