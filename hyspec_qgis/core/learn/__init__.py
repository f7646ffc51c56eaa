"""Learned spectral features and supervised classification (deephyp's autoencoders and 1-D CNN, a random forest).

Modules, one concern each: ``torch_env`` (lazy PyTorch import and thread policy), ``preprocessing`` (deephyp's
per-spectrum minmax), ``losses`` (SSE, SA, SID, CSA), ``networks`` (the MLP and 1-D CNN autoencoders, the 1-D CNN
classifier), ``train`` (Adam mini-batch loop with seeds, hold-out loss and cancel), ``sampling`` (seeded pixel sample
with a spatial hold-out), ``modelfile`` (arrays + JSON in one zip, no pickle), ``forest`` (a random forest stored as
its trees' arrays), ``training_data`` (vector features rasterised onto the raster grid, split by feature),
``metrics`` and ``report`` (accuracy assessment as HTML), ``apply`` (block-wise encode / predict), ``autoencoder`` and
``supervised`` (the entry points behind the Processing algorithms).

Nothing here imports PyTorch at import time: the plugin loads without it, and the algorithms that need it say what to
install.
"""
