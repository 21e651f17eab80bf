"""The offer map: where venues are, how they are found fast, and how they are drawn.

- `grid`: the venue's grid cell, a column computed by the database, and the index ranges that
  cover a circle, so that "venues within 20 km" reads a few index ranges on both engines;
- `repository`: the spatial queries (venues with bookable offers around a point, their counts,
  a venue and its bookable offers);
- `projection`: Web Mercator pixels of a view (centre, zoom, size);
- `clustering`: markers merged into counted clusters wherever they would overlap;
- `outlines`: département and commune boundaries as compact SVG paths for a view;
- `scene`: everything one view of the map draws, put together;
- `page`: one map page, the scene and the list of every venue around the person.
"""
