"""The ready-made charts of the person and issue pages.

The charts are datasette-dashboards charts, defined once in metadata.yml
(plugins: datasette-dashboards). A page shows one with its filters filled in,
drawn by the plugin's own script and its bundled Vega-Lite, so the chart on a
person's page is the chart on the dashboard, with the same colours.
"""

import urllib.parse
from dataclasses import dataclass

from datasette_dashboards import replace_opts_in_query


@dataclass
class PageChart:
    element: str        # the id of the element the chart is drawn in, after "chart-"
    chart: dict         # the chart's definition, its optional SQL parts filled
    query_string: str   # the filters, as the chart's data request sends them
    absolute_url: str   # the instance's address, which the script puts before "ukraine.json"
    link: str           # the chart's dashboard, with the same filters


def page_chart(datasette, request, dashboard, chart, **filters):
    """Chart `chart` of `dashboard`, filtered by `filters` (name -> value); None if metadata.yml lacks it."""
    dashboards = datasette.plugin_config("datasette-dashboards") or {}
    definition = dict((dashboards.get(dashboard) or {}).get("charts", {}).get(chart) or {})
    if not definition:
        return None
    definition["query"] = replace_opts_in_query(definition["query"], filters)
    query_string = urllib.parse.urlencode(filters)
    return PageChart(
        element=f"{dashboard}-{chart}", chart=definition, query_string=query_string,
        absolute_url=datasette.absolute_url(request, datasette.urls.instance()),
        link=datasette.urls.path(f"/-/dashboards/{dashboard}") + f"?{query_string}")
