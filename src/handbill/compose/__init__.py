"""Composition: jobs (leaflet x layout x language) -> pages of positioned, shaped lines."""

from handbill.compose.document import compose
from handbill.compose.plan import Job, Skip, plan_jobs

__all__ = ["Job", "Skip", "compose", "plan_jobs"]
