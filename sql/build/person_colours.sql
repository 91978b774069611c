-- One colour per person, the same on every chart and page (charts read people.colour
-- rather than letting Vega-Lite assign colours per chart, which would give one person
-- different colours on different charts). The people who hold a stance are charted, so
-- they take the palette first, in id order: up to 20 of them get a colour of their own.
-- Everyone else shares the palette in turn after them.
WITH palette (n, colour) AS (
  VALUES (0, '#1f77b4'), (1, '#d62728'), (2, '#2ca02c'), (3, '#ff7f0e'), (4, '#9467bd'),
         (5, '#8c564b'), (6, '#e377c2'), (7, '#17becf'), (8, '#bcbd22'), (9, '#7f7f7f'),
         (10, '#393b79'), (11, '#ad494a'), (12, '#637939'), (13, '#e7ba52'), (14, '#843c39'),
         (15, '#7b4173'), (16, '#3182bd'), (17, '#31a354'), (18, '#756bb1'), (19, '#636363')
),
ranked AS (
  SELECT id,
         row_number() OVER (ORDER BY id IN (SELECT person_id FROM stances) DESC, registered DESC, id) - 1 AS n
  FROM people
)
UPDATE people SET colour = (SELECT colour FROM palette WHERE palette.n = ranked.n % 20)
FROM ranked WHERE ranked.id = people.id;
