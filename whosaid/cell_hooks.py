"""Keep datasette-render-markdown's page functions, without its check of every cell.

datasette-dashboards requires datasette-render-markdown, for charts of the
"markdown" library. Its `render_cell` hook looks up its plugin configuration
and matches column patterns for every string cell of every page: 2,000 cells
on a 100-row page of `reversals`, 44 of the page's 110 ms at 50,000 articles
(cProfile). No table here is configured for it and no chart is markdown, so
the hook is taken out and its template function and Jinja tag are kept.
"""

import types

from datasette.plugins import pm

PLUGIN = "render_markdown"   # its entry point's name


def without_markdown_cells():
    """Register render-markdown again without its render_cell hook. The plugin manager is the process's,
    so this holds for every Datasette in it; a second call finds the hook gone and does nothing."""
    plugin = pm.get_plugin(PLUGIN)
    if plugin is None or not hasattr(plugin, "render_cell"):
        return
    # A module, as the plugins Datasette lists are: its name shows on /-/plugins.
    kept = types.ModuleType(plugin.__name__, "datasette-render-markdown without its render_cell hook")
    for name in ("extra_template_vars", "prepare_jinja2_environment"):
        if hasattr(plugin, name):
            setattr(kept, name, getattr(plugin, name))
    pm.unregister(plugin)
    pm.register(kept, name=PLUGIN)
