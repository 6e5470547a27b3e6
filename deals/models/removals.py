"""What was deleted from the tables reader pages are made of, so their version moves."""

from django.db import models


class Removal(models.Model):
    """A row deleted from a large table reader pages show (a deal, a timeline entry, a figure,
    a party's link). Those tables are dated by their highest id and latest stamp, which a
    deletion leaves as they were; the highest id of this table moves instead
    (`deals.pagecache.PAGE_TABLES`)."""

    table = models.CharField(max_length=63)
    object_id = models.BigIntegerField()
    removed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.table} {self.object_id} removed {self.removed_at:%Y-%m-%d %H:%M}"
