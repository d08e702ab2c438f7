"""Japan's defence-agreement matrix, the 2021 Taiwan Strait statements and the other agreements.

Pure functions: DataFrames and plain values in, DataFrames and plotly figures out. No streamlit.

The matrix has one cell per (partner, agreement type); ``build_matrix_table`` returns it in long
form (one row per cell) and the figure builders draw it the way the article's Table 1 does:
agreement types as rows (GSOMIA, ACSA, equipment, RAA top to bottom), partners as columns.

Partners and types beyond the article's five and four:

* Rows taken into the matrix: every Table 1 row (``table1``), plus every *bilateral* agreement of a
  matrix type between Japan and one other party (``party_b`` set, no ``other_parties``). A new
  Japan–Canada ACSA therefore adds a Canada column without any code change.
* Partner order: the article's five in the article's order (Australia, India, U.K., France,
  Germany), then any other partner alphabetically by display name. Only partners that have at
  least one row are drawn, so an actor filter narrows the columns.
* Type order: the article's four in the article's order, then any other type that a Table 1 row
  or the ``types=`` argument brings, in codebook order (unknown types last, alphabetically).
  Pass ``types=("gsomia", "acsa", "equipment", "raa", "defence-agreement")`` to add a row.
* A cell with no row (an extra partner has an ACSA but no GSOMIA row, say, or a source filter
  hid the row) is "missing": white with a dash and its own legend entry, never drawn like the
  article's X, which is an explicit "none as of the source" row.
* Two rows in one cell (a revision, a second agreement): the Table 1 row wins, else the earliest
  dated; the hover says how many more there are.

Split along its sections: ``labels`` (constants, codebook and actor labels), ``matrix`` (the table, its counts,
the as-of control), ``matrix_figure`` (the figure and the animation), ``statements`` (2021 Taiwan Strait
statements), ``others`` (everything else). Every public name stays importable from ``components.agreements``.
"""

from components.agreements.labels import *  # noqa: F403
from components.agreements.labels import (  # noqa: F401
    _NOT_CONCLUDED,
    _STATE_CODE,
    _TEXT_COLOURS,
    _first_quotes,
    _kinds,
    _names,
    _parties,
    _type_text,
    _year,
)
from components.agreements.matrix import *  # noqa: F403
from components.agreements.matrix_figure import *  # noqa: F403
from components.agreements.others import *  # noqa: F403
from components.agreements.statements import *  # noqa: F403
