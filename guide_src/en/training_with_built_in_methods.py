# ---
# jupyter:
#   jupytext:
#     cell_markers: '"""'
#     formats: py:percent
#     notebook_metadata_filter: guide
#   guide:
#     title: Training & evaluation with the built-in methods
#     description: fit(), evaluate() and predict() in depth, on NumPy arrays, tf.data, PyDataset and a PyTorch DataLoader, with callbacks, weights, and losses and metrics of your own.
#     author: François Chollet
#     date_created: '2019-03-01'
#     last_modified: '2026-12-05'
#     original: https://keras.io/guides/training_with_built_in_methods/
#     backends: [jax, tensorflow, torch]
#     timeout: 600
# ---

# %% [markdown]
"""
## Introduction

Every Keras model comes with three methods that cover most of a project: `fit()` trains it,
`evaluate()` measures it and `predict()` runs it on new inputs (inference). This guide looks at
them in detail: how to configure training with `compile()`, which kinds of data they accept, how
to set data aside for validation, how to weight samples and classes, how to write your own losses
and metrics, and how callbacks let you act while training runs (stop early, save checkpoints,
change the learning rate).

All of this works the same way for every kind of Keras model: a `Sequential` model, a model built
with the functional API, or a model you wrote by subclassing `keras.Model`. It also works the same
on each backend: the code below runs unchanged on JAX, TensorFlow and PyTorch.

Two related topics have guides of their own on keras.io (in English). To keep `fit()` but
change what one training step does, see customizing `fit()` with
[JAX](https://keras.io/guides/custom_train_step_in_jax/),
[TensorFlow](https://keras.io/guides/custom_train_step_in_tensorflow/) or
[PyTorch](https://keras.io/guides/custom_train_step_in_torch/). To write the whole training loop
yourself, see writing a training loop from scratch with
[JAX](https://keras.io/guides/writing_a_custom_training_loop_in_jax/),
[TensorFlow](https://keras.io/guides/writing_a_custom_training_loop_in_tensorflow/) or
[PyTorch](https://keras.io/guides/writing_a_custom_training_loop_in_torch/).

!!! note "How this page differs from keras.io"
    This page follows the sections of the Keras 3 edition of fchollet's guide on keras.io
    (2023), with the text and the code written anew, and every code block run on JAX,
    TensorFlow and PyTorch. Where the backends printed something different, you see one tab
    per backend. What is different:

    - **Smaller runs.** To keep each run to a couple of minutes on a 2-core CPU, models train on
      10,000 of MNIST's 60,000 training images (2,000 more are kept for validation), for one or
      two epochs, in batches of 128 instead of 64, and print one line per epoch (`verbose=2`).
      The accuracies are therefore lower than on keras.io.
    - **Predictable callbacks.** The early-stopping example uses a deliberately large
      `min_delta` so that it stops at the same epoch on every machine.
    - **No TensorBoard server.** The `TensorBoard` callback is created but not run: writing its
      logs needs the `tensorboard` package, which the runtime of this page does not include.
    - **Keras 3 as it behaves today.** A few statements of the original are corrected after
      checking them: a loss dictionary must name every output; with `steps_per_epoch`, a
      dataset is not restarted at each epoch; the `loss` a callback sees after each batch is the
      running mean of the epoch; layers no longer have `add_metric()`; and the custom metric
      compares labels and predictions of the same shape (the original's broadcasts a `(batch,)`
      tensor against a `(batch, 1)` one, so its count exceeds the number of samples).
    - **Added:** a checkpoint that is restored to resume training, `CSVLogger`,
      `LearningRateScheduler`, and the error that `class_weight` raises with a PyTorch
      `DataLoader`.
"""

# %% [markdown]
"""
## Setup

The backend is chosen before Keras is first imported, with the `KERAS_BACKEND` environment
variable (`"jax"`, `"tensorflow"` or `"torch"`). TensorFlow and PyTorch are imported here for
their data pipelines only: `tf.data` and PyTorch's `DataLoader` feed `fit()` on any backend.
"""

# %%
import math
import os

import numpy as np
import keras
from keras import layers, ops

# Used only as data sources below, whichever backend runs the model.
import tensorflow as tf
import torch

print("Keras", keras.__version__, "on the", keras.backend.backend(), "backend")

# %% [markdown]
"""
## API overview: a first end-to-end example

`fit()` accepts several kinds of data:

- NumPy arrays (or arrays of the backend), when the data is small enough to fit in memory;
- a `tf.data.Dataset`;
- a PyTorch `DataLoader`;
- a subclass of `keras.utils.PyDataset`.

We start with NumPy arrays, to show how optimizers, losses and metrics are used, and look at the
other three afterwards.

Here is the model we will train: a small classifier of 28x28 images, flattened into vectors of
784 values. It is built with the functional API, but a `Sequential` or a subclassed model would
be trained in exactly the same way.
"""

# %%
inputs = keras.Input(shape=(784,), name="digits")
x = layers.Dense(64, activation="relu", name="hidden_1")(inputs)
x = layers.Dense(64, activation="relu", name="hidden_2")(x)
outputs = layers.Dense(10, activation="softmax", name="predictions")(x)
model = keras.Model(inputs=inputs, outputs=outputs)
print("parameters:", model.count_params())

# %% [markdown]
"""
A typical workflow has three parts:

- training on the training data;
- validation, on data held out from the training data, to watch how the model does on samples
  it does not learn from;
- evaluation on the test data at the end.

The data is MNIST, handwritten digits from 0 to 9. `load_data()` returns NumPy arrays; we scale
the pixels to [0, 1] and keep a subset of the training images.
"""

# %%
(x_full, y_full), (x_test, y_test) = keras.datasets.mnist.load_data()

# Flatten each 28x28 image into 784 values between 0 and 1.
x_full = x_full.reshape(-1, 784).astype("float32") / 255
x_test = x_test.reshape(-1, 784).astype("float32") / 255
y_full = y_full.astype("int32")
y_test = y_test.astype("int32")

# Train on 10,000 images and keep the next 2,000 apart for validation.
x_train, y_train = x_full[:10000], y_full[:10000]
x_val, y_val = x_full[10000:12000], y_full[10000:12000]
print("train:", x_train.shape, "validation:", x_val.shape, "test:", x_test.shape)

# %% [markdown]
"""
The training configuration is given to `compile()`: the optimizer, the loss to minimize and the
metrics to report.
"""

# %%
model.compile(
    optimizer=keras.optimizers.RMSprop(),  # how the weights are updated
    loss=keras.losses.SparseCategoricalCrossentropy(),  # what training minimizes
    metrics=[keras.metrics.SparseCategoricalAccuracy()],  # what else to report
)

# %% [markdown]
"""
`fit()` then cuts the data into batches of `batch_size` samples and goes over the whole data set
`epochs` times, updating the weights after each batch. With `validation_data`, it also computes
the loss and the metrics on the validation data at the end of each epoch.
"""

# %%
history = model.fit(
    x_train,
    y_train,
    batch_size=128,
    epochs=2,
    # Loss and metrics on held-out data, computed at the end of each epoch.
    validation_data=(x_val, y_val),
    verbose=2,
)

# %% [markdown]
"""
The returned `History` object keeps, in its `history` dictionary, the value of the loss and of
each metric at the end of every epoch, for the training and the validation data:
"""

# %% tags=["tolerance-training"]
for name, values in history.history.items():
    print(name, [round(value, 4) for value in values])

# %% [markdown]
"""
`evaluate()` computes the loss and the metrics on the test data, and `predict()` returns the
model's outputs for new inputs: here, for each image, ten probabilities, one per digit.
"""

# %% tags=["tolerance-training"]
results = model.evaluate(x_test, y_test, batch_size=128, verbose=2)
print("test loss, test accuracy:", [round(value, 4) for value in results])

predictions = model.predict(x_test[:3], verbose=0)
print("predictions shape:", predictions.shape)
print("predicted digits:", predictions.argmax(axis=1), "true digits:", y_test[:3])

# %% [markdown]
"""
The rest of this guide looks at each of these parts in detail.
"""

# %% [markdown]
"""
## The `compile()` method: loss, metrics and optimizer

To train a model with `fit()`, Keras needs a loss function and an optimizer; metrics to report
are optional. All three are arguments of `compile()`.

`metrics` is a list, so a model can report as many metrics as you like. A model with several
outputs can have a loss and metrics of its own for each output, and a weight for each output's
share of the total loss: see [Passing data to multi-input, multi-output
models](#passing-data-to-multi-input-multi-output-models) below.

When the default settings suit you, a string can stand for the optimizer, the loss or a metric:
"""

# %%
model.compile(
    optimizer="rmsprop",
    loss="sparse_categorical_crossentropy",
    metrics=["sparse_categorical_accuracy"],
)
print("optimizer:", type(model.optimizer).__name__, "learning rate:", round(float(model.optimizer.learning_rate), 6))

# %% [markdown]
"""
The examples below build and compile this model many times, so we wrap both in functions:
"""

# %%
def make_model():
    inputs = keras.Input(shape=(784,), name="digits")
    x = layers.Dense(64, activation="relu", name="hidden_1")(inputs)
    x = layers.Dense(64, activation="relu", name="hidden_2")(x)
    outputs = layers.Dense(10, activation="softmax", name="predictions")(x)
    return keras.Model(inputs=inputs, outputs=outputs)


def make_compiled_model():
    model = make_model()
    model.compile(
        optimizer="rmsprop",
        loss="sparse_categorical_crossentropy",
        metrics=["sparse_categorical_accuracy"],
    )
    return model


# %% [markdown]
"""
### Many built-in optimizers, losses and metrics

What you need is usually already in Keras, so you rarely have to write an optimizer, a loss or
a metric yourself. A few examples:

- optimizers: `SGD()` (with or without momentum), `RMSprop()`, `Adam()`, `AdamW()`...
- losses: `MeanSquaredError()`, `KLDivergence()`, `CosineSimilarity()`...
- metrics: `AUC()`, `Precision()`, `Recall()`...

The complete lists are in the API reference: [optimizers](https://keras.io/api/optimizers/),
[losses](https://keras.io/api/losses/), [metrics](https://keras.io/api/metrics/).
"""

# %% [markdown]
"""
### Custom losses

There are two ways to write a loss of your own. The first is a plain function that takes the
targets `y_true` and the predictions `y_pred` and returns one loss value per sample; Keras then
averages these values over the batch (and applies sample weights, if any, before averaging).
Here is a mean squared error written with `keras.ops`, so that it runs on every backend:
"""

# %%
def mean_squared_error(y_true, y_pred):
    return ops.mean(ops.square(y_true - y_pred), axis=-1)


model = make_model()
model.compile(optimizer=keras.optimizers.Adam(), loss=mean_squared_error)

# A squared error compares vectors: each label becomes a one-hot vector of 10 values.
y_train_one_hot = keras.utils.to_categorical(y_train, num_classes=10)
history = model.fit(x_train, y_train_one_hot, batch_size=128, epochs=1, verbose=2)

# %% [markdown]
"""
The second way suits a loss that needs settings besides `y_true` and `y_pred`: subclass
`keras.losses.Loss` and write two methods:

- `__init__(self, ...)`: takes the settings and keeps them;
- `call(self, y_true, y_pred)`: computes the loss from the targets and the predictions.

Say you want a mean squared error plus a term that pulls the predicted probabilities toward 0.5
(the targets are one-hot vectors, so their values lie between 0 and 1). It discourages the model
from being too sure of itself, which might reduce overfitting; only an experiment can tell.
"""

# %%
class MSEWithConfidencePenalty(keras.losses.Loss):
    def __init__(self, penalty=0.1, name="mse_with_confidence_penalty"):
        super().__init__(name=name)
        self.penalty = penalty

    def call(self, y_true, y_pred):
        squared_error = ops.mean(ops.square(y_true - y_pred), axis=-1)
        # Large when the probabilities sit close to 0 or 1, that is when the model is very sure.
        confidence = ops.mean(ops.square(0.5 - y_pred), axis=-1)
        return squared_error + self.penalty * confidence


model = make_model()
model.compile(optimizer=keras.optimizers.Adam(), loss=MSEWithConfidencePenalty(penalty=0.1))
history = model.fit(x_train, y_train_one_hot, batch_size=128, epochs=1, verbose=2)

# %% [markdown]
"""
### Custom metrics

For a metric that Keras does not have, subclass `keras.metrics.Metric` and write four methods:

- `__init__(self)`: creates the state variables of the metric;
- `update_state(self, y_true, y_pred, sample_weight=None)`: updates the state from the targets
  and the predictions of one batch;
- `result(self)`: computes the value of the metric from the state;
- `reset_state(self)`: puts the state back to its starting value. Keras calls it at the start of
  each epoch and of each evaluation.

Updating the state and computing the result are separate methods because the result can be
expensive to compute and is not always needed after each update: a training loop of your own may
update the state on every batch and ask for the result only when it reports. (`fit()` itself
asks for the result after every batch, to fill the logs that its progress display and the
callbacks read.)

Here is a metric that counts the samples whose most probable class is the true class. Both
tensors are flattened to one value per sample before they are compared: comparing a `(batch,)`
tensor with a `(batch, 1)` tensor would broadcast them to `(batch, batch)` and count far too many.
"""

# %%
class CorrectPredictions(keras.metrics.Metric):
    """Counts the samples whose most probable class is the true class."""

    def __init__(self, name="correct_predictions", **kwargs):
        super().__init__(name=name, **kwargs)
        self.correct = self.add_variable(shape=(), initializer="zeros", name="correct")

    def update_state(self, y_true, y_pred, sample_weight=None):
        true_classes = ops.cast(ops.reshape(y_true, (-1,)), "int32")
        predicted_classes = ops.cast(ops.argmax(y_pred, axis=-1), "int32")
        hits = ops.cast(ops.equal(true_classes, predicted_classes), "float32")
        if sample_weight is not None:
            hits = hits * ops.cast(ops.reshape(sample_weight, (-1,)), "float32")
        self.correct.assign_add(ops.sum(hits))

    def result(self):
        # A tensor, not the variable itself (returning the variable fails on JAX).
        return ops.convert_to_tensor(self.correct)

    def reset_state(self):
        self.correct.assign(0.0)


model = make_model()
model.compile(
    optimizer=keras.optimizers.RMSprop(learning_rate=1e-3),
    loss=keras.losses.SparseCategoricalCrossentropy(),
    metrics=[CorrectPredictions()],
)
history = model.fit(x_train, y_train, batch_size=128, epochs=1, verbose=2)
results = model.evaluate(x_test, y_test, batch_size=128, verbose=2)

# %% [markdown]
"""
The printed value is a number of correct predictions, so it stays below the number of samples:
during training, the count grows over the epoch's 10,000 training images; `evaluate()` starts
again from zero and counts the correct ones among the 10,000 test images.
"""

# %% [markdown]
"""
### Losses that don't fit the standard signature

Most losses and metrics are computed from `y_true` and `y_pred`, but not all of them. A
regularization loss, for example, may depend only on what a layer outputs, with no target
involved, and that output need not be an output of the model.

For such a loss, call `self.add_loss(value)` in the `call()` method of a layer. Losses added
this way are summed with the main loss (the one given to `compile()`) during training. The layer
below adds a penalty on the size of its inputs and passes them on unchanged (Keras layers already
offer this through their `activity_regularizer` argument; the layer only shows the mechanism).
After a call, the layer's `losses` property lists what it added:
"""

# %%
class ActivityPenalty(layers.Layer):
    """Passes its inputs through and adds a penalty on their size to the model's loss."""

    def __init__(self, rate=1e-2, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate

    def call(self, inputs):
        self.add_loss(self.rate * ops.mean(ops.sum(ops.abs(inputs), axis=-1)))
        return inputs


penalty_layer = ActivityPenalty(rate=0.5)
penalty_layer(ops.ones((2, 4)))
print("losses added by the last call:", [float(loss) for loss in penalty_layer.losses])

# %% [markdown]
"""
Placed inside a model, its penalty joins the training loss, so the loss printed during training
is larger than the plain cross-entropy:
"""

# %%
inputs = keras.Input(shape=(784,), name="digits")
x = layers.Dense(64, activation="relu", name="hidden_1")(inputs)
x = ActivityPenalty(rate=1e-2)(x)
x = layers.Dense(64, activation="relu", name="hidden_2")(x)
outputs = layers.Dense(10, activation="softmax", name="predictions")(x)
model = keras.Model(inputs=inputs, outputs=outputs)
model.compile(optimizer="rmsprop", loss="sparse_categorical_crossentropy")
history = model.fit(x_train, y_train, batch_size=128, epochs=1, verbose=2)

# %% [markdown]
"""
Since a layer can add the whole loss, a model can even be compiled with no `loss` at all. The
layer below receives the targets as an input of the model, next to the logits, adds a binary
cross-entropy with `add_loss()`, and returns probabilities, which is what `predict()` will give:
"""

# %%
class LogisticLossEndpoint(layers.Layer):
    """Takes targets and logits, adds the loss itself, and returns probabilities."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)

    def call(self, targets, logits, sample_weight=None):
        self.add_loss(self.loss_fn(targets, logits, sample_weight))
        return ops.sigmoid(logits)


# %% [markdown]
"""
The model has two inputs, the features and the targets, and `compile()` gets no loss. `fit()`
receives a dictionary of inputs keyed by input name, and no `y`:
"""

# %%
features = keras.Input(shape=(3,), name="features")
targets = keras.Input(shape=(10,), name="targets")
logits = layers.Dense(10)(features)
probabilities = LogisticLossEndpoint(name="probabilities")(targets, logits)
endpoint_model = keras.Model(inputs=[features, targets], outputs=probabilities)
endpoint_model.compile(optimizer="adam")  # no loss: the last layer adds it

rng = np.random.default_rng(0)
data = {
    "features": rng.random((64, 3)).astype("float32"),
    "targets": rng.integers(0, 2, size=(64, 10)).astype("float32"),
}
history = endpoint_model.fit(data, batch_size=32, epochs=1, verbose=2)

# %% [markdown]
"""
Metrics have no such mechanism in Keras 3: the `add_metric()` method of Keras 2 layers is gone
(calling it raises `NotImplementedError`). To report a value that is not computed from `y_true`
and `y_pred`, override the model's training step, as shown in the customizing `fit()` guides
linked in the introduction. The section on [multi-input, multi-output
models](#passing-data-to-multi-input-multi-output-models) says more about models with several
inputs.
"""

# %% [markdown]
"""
### Automatically setting apart a validation holdout set

The first example passed the validation data explicitly, as a tuple of NumPy arrays
`(x_val, y_val)` in `validation_data`. Another way is `validation_split`: a fraction between 0
and 1 of the training data that `fit()` sets apart for validation. `validation_split=0.2` means
20% of the data is used for validation, and the model trains on the other 80%.

`fit()` takes the validation samples from the end of the arrays, before any shuffling: here the
last 2,000 of the 10,000 images, which leaves 8,000 to train on, in 63 batches of 128 (the last
one smaller). `validation_split` works only with arrays, as the next section shows.
"""

# %%
model = make_compiled_model()
history = model.fit(x_train, y_train, batch_size=128, validation_split=0.2, epochs=1, verbose=2)

# %% [markdown]
"""
## Training and evaluation with `tf.data` Datasets

So far the data came as NumPy arrays. `fit()` also accepts data sources that produce batches
one after the other: a `tf.data.Dataset`, a PyTorch `DataLoader` or a Keras `PyDataset`. We
start with `tf.data`.

`tf.data` is TensorFlow's API for loading and preprocessing data quickly and at scale; the
[tf.data guide](https://www.tensorflow.org/guide/data) explains how to build datasets. **You can
use `tf.data` to train a Keras model on any backend, JAX, TensorFlow or PyTorch**: this page
does so on all three. A `Dataset` can be passed directly to `fit()`, `evaluate()` and
`predict()`.

A dataset yields whole batches, so `fit()` gets no `batch_size`. It also shuffles itself (with
`.shuffle()`): `fit()`'s `shuffle` argument applies to arrays only, and Keras warns that it
ignores it when given a dataset, so we pass `shuffle=False`.
"""

# %%
model = make_compiled_model()

# (image, label) pairs, shuffled with a buffer of 1,024 samples, in batches of 128.
train_dataset = tf.data.Dataset.from_tensor_slices((x_train, y_train))
train_dataset = train_dataset.shuffle(buffer_size=1024, seed=1).batch(128)

test_dataset = tf.data.Dataset.from_tensor_slices((x_test, y_test)).batch(128)

history = model.fit(train_dataset, epochs=1, shuffle=False, verbose=2)

# %% [markdown]
"""
Evaluating works the same way. `evaluate()` returns a list by default, and `model.metrics_names`
is supposed to name its entries, but in Keras 3 the metrics given to `compile()` appear there
grouped under one name, `compile_metrics`. `return_dict=True` gives each value its real name:
"""

# %% tags=["tolerance-training"]
result = model.evaluate(test_dataset, verbose=2, return_dict=True)
print({name: round(value, 4) for name, value in result.items()})
print("metrics_names:", model.metrics_names)

# %% [markdown]
"""
At the end of each epoch the dataset is read again from its start, so the same dataset serves
every epoch.

To train on only part of a dataset per epoch, pass `steps_per_epoch`: the number of batches
after which an epoch ends. Then the dataset is **not** restarted at each epoch: the next epoch
goes on where the previous one stopped. Our dataset holds 79 batches; two epochs of 30 steps read
the first 60 of them, and the optimizer takes 60 steps in all. Had we asked for more batches than
the dataset holds, training would stop early with the warning `Your input ran out of data`;
`.repeat()` makes a dataset endless.
"""

# %%
model = make_compiled_model()
history = model.fit(train_dataset, epochs=2, steps_per_epoch=30, shuffle=False, verbose=2)
print("optimizer steps:", int(model.optimizer.iterations))

# %% [markdown]
"""
### Using a validation dataset

A `Dataset` can also be the `validation_data` of `fit()`:
"""

# %%
val_dataset = tf.data.Dataset.from_tensor_slices((x_val, y_val)).batch(128)

model = make_compiled_model()
history = model.fit(train_dataset, epochs=1, validation_data=val_dataset, shuffle=False, verbose=2)

# %% [markdown]
"""
At the end of each epoch, the model goes over the whole validation dataset and computes the
validation loss and metrics.

To validate on only part of it, pass `validation_steps`, the number of validation batches.
Unlike `steps_per_epoch`, the validation dataset is restarted every time, so each epoch is
measured on the same samples. Here, on the first 5 batches, that is 640 of the 2,000 images:
"""

# %%
model = make_compiled_model()
history = model.fit(
    train_dataset,
    epochs=1,
    validation_data=val_dataset,
    validation_steps=5,  # validate on the first 5 batches only
    shuffle=False,
    verbose=2,
)

# %% [markdown]
"""
`validation_split` cannot be used with a `Dataset`: setting samples apart requires indexing
them, which a dataset in general does not allow. `fit()` refuses it at once:
"""

# %% tags=["raises-exception"]
model = make_compiled_model()
model.fit(train_dataset, epochs=1, validation_split=0.2, shuffle=False)

# %% [markdown]
"""
## Training and evaluation with `PyDataset` instances

`keras.utils.PyDataset` is a base class for feeding data from Python code. Compared with a Python
generator, it has two advantages:

- it can prepare several batches in parallel (threads or processes);
- its batches can be visited in any order, so `fit()` can shuffle them (with `shuffle=True`, the
  default of `fit()`, it shuffles the order of the batches at each epoch).

A `PyDataset` must implement two methods:

- `__len__()`: the number of batches;
- `__getitem__(index)`: batch number `index`, as a whole batch (not a single sample).

To change the data between epochs, also implement `on_epoch_end()`. The constructor should pass
its extra keyword arguments on to `super().__init__()`; their use comes below.
"""

# %%
class MNISTBatches(keras.utils.PyDataset):
    def __init__(self, images, labels, batch_size, **kwargs):
        super().__init__(**kwargs)
        self.images = images
        self.labels = labels
        self.batch_size = batch_size

    def __len__(self):
        return math.ceil(len(self.images) / self.batch_size)

    def __getitem__(self, index):
        start = index * self.batch_size
        stop = start + self.batch_size
        return self.images[start:stop], self.labels[start:stop]


train_batches = MNISTBatches(x_train, y_train, batch_size=128)
val_batches = MNISTBatches(x_val, y_val, batch_size=128)
images, labels = train_batches[0]
print("batches:", len(train_batches), "first batch:", images.shape, labels.shape)

# %% [markdown]
"""
To train, pass the `PyDataset` as `x`: no `y`, since it yields the targets too, and no
`batch_size`, since it yields whole batches. The validation `PyDataset` goes in
`validation_data`:
"""

# %%
model = make_compiled_model()
history = model.fit(train_batches, validation_data=val_batches, epochs=1, verbose=2)

# %% [markdown]
"""
Evaluating is just as simple:
"""

# %% tags=["tolerance-training"]
result = model.evaluate(val_batches, verbose=2, return_dict=True)
print({name: round(value, 4) for name, value in result.items()})

# %% [markdown]
"""
Three arguments of the `PyDataset` constructor set how `fit()` reads it in parallel:

- `workers`: the number of threads or processes that prepare batches; typically the number of
  CPU cores.
- `use_multiprocessing`: `True` to use processes instead of threads. Processes can speed up
  pure-Python code that computes (threads help mostly with waiting, for files or the network, and
  with libraries such as NumPy that release the interpreter lock), but the
  dataset is then copied into each process, so it must be picklable.
- `max_queue_size`: how many prepared batches may wait in the queue (10 by default); lower it to
  use less memory.

By default there is one worker and no multiprocessing. Turn `use_multiprocessing` on only in a
script whose code runs under `if __name__ == "__main__":`, to avoid problems when the processes
start. Here are two threads, without multiprocessing:
"""

# %%
train_batches = MNISTBatches(x_train, y_train, batch_size=128, workers=2)
val_batches = MNISTBatches(x_val, y_val, batch_size=128, workers=2)

model = make_compiled_model()
history = model.fit(train_batches, validation_data=val_batches, epochs=1, verbose=2)

# %% [markdown]
"""
## Training and evaluation with a PyTorch `DataLoader`

The built-in training and evaluation methods also accept a PyTorch `torch.utils.data.DataLoader`,
whatever the backend: PyTorch, JAX or TensorFlow.

Unlike a `PyDataset`, which works batch by batch, a PyTorch `Dataset` works sample by sample:
`__len__()` returns the number of samples, and `__getitem__(index)` returns one sample.
"""

# %%
class MNISTSamples(torch.utils.data.Dataset):
    def __init__(self, images, labels):
        self.images = images
        self.labels = labels

    def __len__(self):
        return len(self.images)

    def __getitem__(self, index):
        return self.images[index], self.labels[index]


train_samples = MNISTSamples(x_train, y_train)
val_samples = MNISTSamples(x_val, y_val)
print("samples:", len(train_samples), len(val_samples))

# %% [markdown]
"""
A `DataLoader` wraps the `Dataset` and takes care of batching and shuffling. A seeded
generator makes its shuffling repeatable:
"""

# %%
train_loader = torch.utils.data.DataLoader(
    train_samples, batch_size=128, shuffle=True, generator=torch.Generator().manual_seed(1)
)
val_loader = torch.utils.data.DataLoader(val_samples, batch_size=128)

# %% [markdown]
"""
Keras then uses them like any other source of batches. As with `tf.data`, the loader does its
own shuffling, so `fit()` gets `shuffle=False`:
"""

# %% tags=["tolerance-training"]
model = make_compiled_model()
history = model.fit(train_loader, validation_data=val_loader, epochs=1, shuffle=False, verbose=2)
result = model.evaluate(val_loader, verbose=2, return_dict=True)
print({name: round(value, 4) for name, value in result.items()})

# %% [markdown]
"""
## Using sample weighting and class weighting

By default, each sample counts as much as any other in the loss, so each class weighs in
proportion to how often it occurs in the data. Two arguments change that, whatever the
frequencies:

- class weights;
- sample weights.
"""

# %% [markdown]
"""
### Class weights

`class_weight` is a dictionary given to `fit()` that maps each class index to the weight of the
samples of that class. It can balance the classes without resampling the data, or make the model
pay more attention to one class.

For example, if class 0 occurs half as often as class 1 in your data, you could pass
`class_weight={0: 1.0, 1: 0.5}`. Here, digit 5 counts twice as much as the others:
"""

# %%
# Every digit weighs 1, except 5, which counts twice as much.
class_weight = {digit: 1.0 for digit in range(10)}
class_weight[5] = 2.0

model = make_compiled_model()
history = model.fit(x_train, y_train, class_weight=class_weight, batch_size=128, epochs=1, verbose=2)

# %% [markdown]
"""
`class_weight` works with arrays, `tf.data` datasets and `PyDataset` instances, for models with a
single output. A PyTorch `DataLoader` does not support it; the error suggests a way around it:
return the weight of each sample from the `Dataset` (see the next section).
"""

# %% tags=["raises-exception"]
model.fit(train_loader, class_weight=class_weight, epochs=1, shuffle=False)

# %% [markdown]
"""
### Sample weights

For finer control, or for a model that is not a classifier, use sample weights:

- with NumPy arrays, pass an array of weights as `sample_weight` to `fit()`;
- with a `tf.data` dataset, a `PyDataset`, a `DataLoader` or any other source of batches, yield
  `(inputs, targets, sample_weights)` triples.

A sample weight array holds one number per sample: how much that sample counts in the total
loss. A common use is imbalanced classification, giving more weight to rare classes. Weights of
0 and 1 act as a *mask*: samples with weight 0 do not count at all.

The same weighting as above, as sample weights:
"""

# %%
sample_weight = np.where(y_train == 5, 2.0, 1.0).astype("float32")

model = make_compiled_model()
history = model.fit(x_train, y_train, sample_weight=sample_weight, batch_size=128, epochs=1, verbose=2)

# %% [markdown]
"""
And with a `Dataset` whose elements carry the weight as their third item:
"""

# %%
weighted_dataset = tf.data.Dataset.from_tensor_slices((x_train, y_train, sample_weight))
weighted_dataset = weighted_dataset.shuffle(buffer_size=1024, seed=1).batch(128)

model = make_compiled_model()
history = model.fit(weighted_dataset, epochs=1, shuffle=False, verbose=2)

# %% [markdown]
"""
## Passing data to multi-input, multi-output models

The models so far had one input (a tensor of shape `(784,)`) and one output (a tensor of shape
`(10,)`). What about models with several inputs or outputs?

Take this model. It has two inputs: an image of shape `(32, 32, 3)` (height, width, channels)
and a time series of shape `(None, 10)` (time steps, features; `None` means any number of
steps). From both it computes two outputs: a score of shape `(1,)` and a probability
distribution over five categories, of shape `(5,)`.
"""

# %%
image_input = keras.Input(shape=(32, 32, 3), name="image")
series_input = keras.Input(shape=(None, 10), name="series")

x1 = layers.Conv2D(3, 3)(image_input)
x1 = layers.GlobalMaxPooling2D()(x1)

x2 = layers.Conv1D(3, 3)(series_input)
x2 = layers.GlobalMaxPooling1D()(x2)

x = layers.concatenate([x1, x2])

score_output = layers.Dense(1, name="score")(x)
category_output = layers.Dense(5, activation="softmax", name="category")(x)

multi_model = keras.Model(inputs=[image_input, series_input], outputs=[score_output, category_output])

# %% [markdown]
"""
Drawing the model shows its structure (the shapes in the drawing are batch shapes, with the batch
size first, as `None`):
"""

# %%
keras.utils.plot_model(multi_model, "multi_input_and_output_model.png", show_shapes=True)

# %% [markdown]
"""
In `compile()`, each output can get its own loss: pass a list of losses, in the order of the
outputs. A single loss would be applied to every output, which makes no sense here.
"""

# %%
multi_model.compile(
    optimizer=keras.optimizers.RMSprop(1e-3),
    loss=[keras.losses.MeanSquaredError(), keras.losses.CategoricalCrossentropy()],
)

# %% [markdown]
"""
The same goes for metrics, with a list of metrics per output:
"""

# %%
multi_model.compile(
    optimizer=keras.optimizers.RMSprop(1e-3),
    loss=[keras.losses.MeanSquaredError(), keras.losses.CategoricalCrossentropy()],
    metrics=[
        [keras.metrics.MeanAbsolutePercentageError(), keras.metrics.MeanAbsoluteError()],
        [keras.metrics.CategoricalAccuracy()],
    ],
)

# %% [markdown]
"""
Since the output layers have names, losses and metrics can also be given in dictionaries keyed
by output name. With more than two outputs, names and dictionaries are the clearer choice.

`loss_weights` sets how much each output's loss counts in the total. Here the score's loss counts
twice as much as the category's:
"""

# %%
multi_model.compile(
    optimizer=keras.optimizers.RMSprop(1e-3),
    loss={
        "score": keras.losses.MeanSquaredError(),
        "category": keras.losses.CategoricalCrossentropy(),
    },
    metrics={
        "score": [keras.metrics.MeanAbsolutePercentageError(), keras.metrics.MeanAbsoluteError()],
        "category": [keras.metrics.CategoricalAccuracy()],
    },
    loss_weights={"score": 2.0, "category": 1.0},
)

# %% [markdown]
"""
An output used for prediction only can go without a loss. Write `None` for it, in the list or
in the dictionary. (In Keras 3, a loss dictionary must name every output: leaving an output out
raises a `ValueError`, so `None` is the way to say "no loss".)
"""

# %%
# As a list:
multi_model.compile(
    optimizer=keras.optimizers.RMSprop(1e-3),
    loss=[None, keras.losses.CategoricalCrossentropy()],
)

# Or as a dictionary:
multi_model.compile(
    optimizer=keras.optimizers.RMSprop(1e-3),
    loss={"score": None, "category": keras.losses.CategoricalCrossentropy()},
)

# %% [markdown]
"""
Data for such a model is passed to `fit()` the way losses are passed to `compile()`: as **lists
of NumPy arrays** (in the order of the inputs, and of the outputs), or as **dictionaries that map
input and output names to NumPy arrays**. Here, with random data:
"""

# %%
multi_model.compile(
    optimizer=keras.optimizers.RMSprop(1e-3),
    loss=[keras.losses.MeanSquaredError(), keras.losses.CategoricalCrossentropy()],
)

rng = np.random.default_rng(42)
image_data = rng.random((100, 32, 32, 3)).astype("float32")
series_data = rng.random((100, 20, 10)).astype("float32")
score_targets = rng.random((100, 1)).astype("float32")
category_targets = keras.utils.to_categorical(rng.integers(0, 5, size=100), num_classes=5)

# With lists:
history = multi_model.fit(
    [image_data, series_data], [score_targets, category_targets], batch_size=32, epochs=1, verbose=2
)

# Or with dictionaries:
history = multi_model.fit(
    {"image": image_data, "series": series_data},
    {"score": score_targets, "category": category_targets},
    batch_size=32,
    epochs=1,
    verbose=2,
)

# %% [markdown]
"""
With a `Dataset`, it works the same way: each element is a tuple of two dictionaries, the inputs
and the targets.
"""

# %%
multi_dataset = tf.data.Dataset.from_tensor_slices(
    (
        {"image": image_data, "series": series_data},
        {"score": score_targets, "category": category_targets},
    )
)
multi_dataset = multi_dataset.shuffle(buffer_size=100, seed=1).batch(32)

history = multi_model.fit(multi_dataset, epochs=1, shuffle=False, verbose=2)

# %% [markdown]
"""
## Using callbacks

Callbacks are objects that Keras calls at given points of training: at the start and end of each
epoch, after each batch, and so on. They can, for example:

- validate at other points than the end of each epoch;
- save the model at regular intervals, or when it beats an accuracy threshold;
- lower the learning rate when training seems to plateau;
- fine-tune the top layers when training seems to plateau;
- send an email or a message when training ends or a threshold is crossed.

`fit()` takes a list of callbacks in its `callbacks` argument. Here `EarlyStopping` ends training
when the validation loss stops improving. The `min_delta` here is deliberately huge, so that no
improvement counts and training stops after two epochs (the first sets the reference, the second
fails to beat it by `min_delta`, and `patience=1` allows no more). In real use, a `min_delta`
around `1e-3` and a `patience` of a few epochs are more sensible.
"""

# %%
model = make_compiled_model()

callbacks = [
    keras.callbacks.EarlyStopping(
        monitor="val_loss",  # the quantity to watch
        min_delta=0.5,  # a smaller improvement does not count as one
        patience=1,  # epochs without improvement to wait before stopping
        verbose=1,
    )
]
history = model.fit(
    x_train,
    y_train,
    epochs=20,
    batch_size=128,
    callbacks=callbacks,
    validation_split=0.2,
    verbose=2,
)
print("epochs run:", len(history.history["loss"]), "of 20")

# %% [markdown]
"""
### Many built-in callbacks

Keras comes with many callbacks, among them:

- `ModelCheckpoint`: saves the model at regular intervals;
- `EarlyStopping`: stops training when a validation metric stops improving;
- `TensorBoard`: writes logs that [TensorBoard](https://www.tensorflow.org/tensorboard) can
  display (see the [last section](#visualizing-loss-and-metrics-during-training-with-tensorboard));
- `CSVLogger`: writes the loss and the metrics of each epoch to a CSV file;
- `ReduceLROnPlateau` and `LearningRateScheduler`: change the learning rate (see [Using
  learning rate schedules](#using-learning-rate-schedules)).

The [callbacks API reference](https://keras.io/api/callbacks/) has the complete list. For
example, `CSVLogger` writes one row per epoch to a file in the working folder:
"""

# %%
model = make_compiled_model()
csv_logger = keras.callbacks.CSVLogger("training_log.csv")
history = model.fit(
    x_train,
    y_train,
    epochs=2,
    batch_size=128,
    validation_data=(x_val, y_val),
    callbacks=[csv_logger],
    verbose=0,
)

with open("training_log.csv") as log_file:
    rows = log_file.read().splitlines()
print("columns:", rows[0])
print("rows:", len(rows) - 1)

# %% [markdown]
"""
### Writing your own callback

A callback of your own subclasses `keras.callbacks.Callback` and overrides the methods for the
moments it cares about (`on_train_begin()`, `on_epoch_end()`, `on_train_batch_end()` and so on).
Through `self.model` it reaches the model being trained. The
[guide to writing your own callbacks](https://keras.io/guides/writing_your_own_callbacks/)
covers every hook.

This one records the loss after each batch. In Keras 3, the `loss` a callback receives after a
batch is the mean loss of the epoch so far (up to and including that batch), not the loss of the
batch alone; the last value of an epoch is therefore the epoch's loss.
"""

# %% tags=["tolerance-training"]
class BatchLossRecorder(keras.callbacks.Callback):
    def on_train_begin(self, logs=None):
        self.batch_losses = []

    def on_train_batch_end(self, batch, logs=None):
        # The mean loss of the current epoch, up to this batch.
        self.batch_losses.append(logs["loss"])

    def on_epoch_end(self, epoch, logs=None):
        steps = int(self.model.optimizer.iterations)
        print(f"epoch {epoch + 1}: {len(self.batch_losses)} values recorded, {steps} optimizer steps")


recorder = BatchLossRecorder()
model = make_compiled_model()
history = model.fit(x_train, y_train, batch_size=128, epochs=2, callbacks=[recorder], verbose=0)
print("first values:", [round(value, 3) for value in recorder.batch_losses[:3]])
print("last value:", round(recorder.batch_losses[-1], 4), "epoch loss:", round(history.history["loss"][-1], 4))

# %% [markdown]
"""
## Checkpointing models

When a model trains on a large data set for a long time, save checkpoints of it often.

The simplest way is the `ModelCheckpoint` callback. With `save_best_only=True` and
`monitor="val_loss"`, it writes a file only when the validation loss is better than at every
earlier save. The `{epoch:02d}` in the file name becomes the epoch number. The files go to the
working folder:
"""

# %%
model = make_compiled_model()

callbacks = [
    keras.callbacks.ModelCheckpoint(
        filepath="mnist_epoch_{epoch:02d}.keras",  # {epoch:02d} becomes 01, 02, ...
        save_best_only=True,  # write only when the monitored value improves
        monitor="val_loss",
        verbose=1,
    )
]
history = model.fit(
    x_train,
    y_train,
    epochs=2,
    batch_size=128,
    callbacks=callbacks,
    validation_split=0.2,
    verbose=2,
)
print(sorted(name for name in os.listdir(".") if name.endswith(".keras")))

# %% [markdown]
"""
`ModelCheckpoint` also makes training fault-tolerant: if training is interrupted, it can resume
from the last saved state instead of starting over. A `.keras` file holds the whole model, its
compile settings and the state of its optimizer included.

The function below restores the most recent checkpoint if there is one, and otherwise creates a
new model. The file names carry a zero-padded epoch number, so the last name in sorted order is
the newest.
"""

# %%
checkpoint_dir = "ckpt"
os.makedirs(checkpoint_dir, exist_ok=True)


def make_or_restore_model():
    saved = sorted(name for name in os.listdir(checkpoint_dir) if name.endswith(".keras"))
    if saved:
        latest = os.path.join(checkpoint_dir, saved[-1])
        print("restoring from", latest)
        return keras.saving.load_model(latest)
    print("creating a new model")
    return make_compiled_model()


def checkpoint_callback():
    # One file per epoch, in ckpt/.
    return keras.callbacks.ModelCheckpoint(filepath=os.path.join(checkpoint_dir, "epoch_{epoch:02d}.keras"))


model = make_or_restore_model()
history = model.fit(x_train, y_train, batch_size=128, epochs=1, callbacks=[checkpoint_callback()], verbose=2)

# %% [markdown]
"""
Suppose the process stopped here. Started again, the same code finds the checkpoint and restores
the model together with its optimizer, which remembers the 79 steps it has taken. `initial_epoch=1`
tells `fit()` that the first epoch is done, so training goes on with the second:
"""

# %%
model = make_or_restore_model()
print("optimizer steps already taken:", int(model.optimizer.iterations))
history = model.fit(
    x_train,
    y_train,
    batch_size=128,
    initial_epoch=1,
    epochs=2,
    callbacks=[checkpoint_callback()],
    verbose=2,
)
print(sorted(os.listdir(checkpoint_dir)))

# %% [markdown]
"""
A callback of your own can save and restore models too. The
[guide to saving and serializing models](https://keras.io/guides/serialization_and_saving/)
covers saving in full.
"""

# %% [markdown]
"""
## Using learning rate schedules

A common practice when training deep learning models is to lower the learning rate gradually as
training goes on. This is called learning rate decay.

The decay can be static, fixed in advance as a function of the current epoch or step, or
dynamic, reacting to how the model is doing, in particular to the validation loss.
"""

# %% [markdown]
"""
### Passing a schedule to an optimizer

For a static schedule, pass a schedule object as the optimizer's `learning_rate`. The optimizer
asks it for the learning rate at every step. `ExponentialDecay` multiplies the rate by
`decay_rate` every `decay_steps` steps. With `staircase=True` the rate drops all at once at those
steps, like a staircase, instead of shrinking a little at every step:
"""

# %%
lr_schedule = keras.optimizers.schedules.ExponentialDecay(
    initial_learning_rate=1e-3, decay_steps=50, decay_rate=0.5, staircase=True
)
print("learning rate at steps 0, 49, 50, 100:", [round(float(lr_schedule(step)), 6) for step in (0, 49, 50, 100)])

optimizer = keras.optimizers.RMSprop(learning_rate=lr_schedule)

# %% [markdown]
"""
After one epoch of 79 steps, the optimizer has passed step 50 and uses half the initial rate:
"""

# %%
model = make_model()
model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["sparse_categorical_accuracy"])
history = model.fit(x_train, y_train, batch_size=128, epochs=1, verbose=2)
print("steps:", int(model.optimizer.iterations), "learning rate now:", round(float(model.optimizer.learning_rate), 6))

# %% [markdown]
"""
Several schedules are built in: `ExponentialDecay`, `PiecewiseConstantDecay`, `PolynomialDecay`,
`InverseTimeDecay`, `CosineDecay` and `CosineDecayRestarts`.
"""

# %% [markdown]
"""
### Using callbacks to implement a dynamic learning rate schedule

A dynamic schedule, such as lowering the learning rate when the validation loss stops
improving, cannot be written as a schedule object: the optimizer does not see the validation
metrics.

Callbacks do see all the metrics, validation metrics included. A callback that changes the
optimizer's learning rate therefore does the job, and Keras has one built in:
`ReduceLROnPlateau`. For example, to halve the rate after two epochs without improvement:

```python
keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=2)
```

Such callbacks need an optimizer created with a plain number as its learning rate; with a
schedule object, the rate cannot be set, and the callback raises a `TypeError`.

`LearningRateScheduler` sets the rate at the start of each epoch from a function of the epoch
and the current rate. Here every epoch after the first halves the current rate again (with two
epochs, that is one halving, to 0.0005); the learning rate of each epoch also goes into the logs
and the history (`history.history`):
"""

# %%
def halve_after_first_epoch(epoch, learning_rate):
    return learning_rate if epoch == 0 else learning_rate * 0.5


model = make_compiled_model()  # RMSprop with a fixed learning rate of 0.001
history = model.fit(
    x_train,
    y_train,
    batch_size=128,
    epochs=2,
    callbacks=[keras.callbacks.LearningRateScheduler(halve_after_first_epoch, verbose=1)],
    verbose=2,
)
print("learning rates:", [round(value, 6) for value in history.history["learning_rate"]])

# %% [markdown]
"""
## Visualizing loss and metrics during training with TensorBoard

The best way to follow a model while it trains is
[TensorBoard](https://www.tensorflow.org/tensorboard), an application that runs locally and
shows in the browser:

- live plots of the loss and the metrics, for training and evaluation;
- optionally, histograms of the activations of your layers;
- optionally, 3D views of the embedding spaces learned by your `Embedding` layers.

With TensorFlow and TensorBoard installed (`pip install tensorboard`), start it from the command
line, pointing it at the folder where the logs are written:

```shell
tensorboard --logdir=logs
```
"""

# %% [markdown]
"""
### Using the TensorBoard callback

With `fit()`, the simplest way to write TensorBoard logs is the `TensorBoard` callback. In the
simplest case, you only say where to write the logs:
"""

# %%
tensorboard_callback = keras.callbacks.TensorBoard(
    log_dir="logs",  # where to write the logs
    histogram_freq=0,  # how often (in epochs) to record weight histograms; 0 turns them off
    embeddings_freq=0,  # how often (in epochs) to record embeddings; 0 turns them off
    update_freq="epoch",  # write the metrics once per epoch ("batch": after every batch)
)
print("log folder:", tensorboard_callback.log_dir)

# %% [markdown]
"""
Then pass it to `fit()` like any other callback: `model.fit(..., callbacks=[tensorboard_callback])`.
The callback writes its logs through TensorFlow's `tf.summary`, so it needs TensorFlow and the
`tensorboard` package whatever the backend; without `tensorboard`, `fit()` stops with a
`TBNotInstalledError` when it first writes a value. The runtime of this page has no
`tensorboard`, so the callback is not run here. See the
[`TensorBoard` callback documentation](https://keras.io/api/callbacks/tensorboard/) for its
other options.
"""

# %% [markdown]
"""
## Where to go next

- To change what one training step does while keeping `fit()`: customizing `fit()` with
  [JAX](https://keras.io/guides/custom_train_step_in_jax/),
  [TensorFlow](https://keras.io/guides/custom_train_step_in_tensorflow/) or
  [PyTorch](https://keras.io/guides/custom_train_step_in_torch/) (English).
- [Writing your own callbacks](https://keras.io/guides/writing_your_own_callbacks/) (English):
  every hook of a callback.
- The [engineers guide](intro_to_keras_for_engineers.md) on this site: building, training,
  saving and customizing a model on each backend.
"""
