"""Imported by the fork server of the extraction workers (`extractor.isolation`, start
method "forkserver") before it forks any of them: every worker starts from a process that
has the pipeline, its readers and its lexicons loaded."""
from extractor.warm import freeze, warm_up

warm_up(readers=True)
freeze()
