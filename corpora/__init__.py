"""Report corpora: the seeds, their gold, the fixture writers and the bench synthesizer."""
