"""Training the models hecha ships: reason.conflict's cause and explanation-pair heads.

Kept apart from the rules that use the models (rules/reason/semantic loads a model
directory, never trains one) and from the service (`hecha train-causes` only calls in
here): training needs torch's optimisers, the corpora and minutes of CPU, checking none of
it. `model` trains a model directory from examples; `causes` builds the examples from the
gold and generated corpora and names the run.
"""
