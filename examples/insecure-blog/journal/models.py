from django.db import models


class Entry(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField()
    photo = models.ImageField(upload_to="entries/", blank=True)
    published = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published"]
        verbose_name_plural = "entries"

    def __str__(self):
        return self.title
