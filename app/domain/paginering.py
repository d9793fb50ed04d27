"""A page of a list: which rows to read, and whether another page follows.

The store is asked for one row more than the page holds (`limit`): that row is not shown,
it only says that a next page exists, without counting the whole list.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Paginering:
    pagina: int  # from 1
    grootte: int

    @property
    def offset(self) -> int:
        return (self.pagina - 1) * self.grootte

    @property
    def limit(self) -> int:
        """Rows to read: the page, and one to tell whether another page follows."""
        return self.grootte + 1

    def knip(self, rows: Sequence[T]) -> tuple[list[T], bool]:
        """The page of rows read with `offset`/`limit`, and whether another follows."""
        return list(rows[: self.grootte]), len(rows) > self.grootte

    def uit(self, alles: Sequence[T]) -> tuple[list[T], bool]:
        """The page of a list held whole in memory, and whether another follows."""
        return self.knip(alles[self.offset : self.offset + self.limit])
