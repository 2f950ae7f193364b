"""Report stage: HTML pages per OPD, a regency summary and an index, from the warehouse marts.

Importing this package is cheap: matplotlib is loaded only when a chart is drawn.
"""

from mekar.report.render import ReportSummary, render_reports

__all__ = ["ReportSummary", "render_reports"]
