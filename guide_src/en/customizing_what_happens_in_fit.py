# ---
# jupyter:
#   jupytext:
#     cell_markers: '"""'
#     formats: py:percent
#     notebook_metadata_filter: guide
#   guide:
#     title: Customizing what happens in fit()
#     description: Override a model's train_step() and test_step() on JAX, TensorFlow and PyTorch, and keep everything else that fit() and evaluate() do for you.
#     author: François Chollet
#     date_created: '2023-06-27'
#     last_modified: '2026-12-05'
#     original: https://keras.io/guides/custom_train_step_in_jax/
#     backends: [jax, tensorflow, torch]
#     timeout: 600
# ---

# %% [markdown]
"""
## Introduction

For ordinary supervised learning, `fit()` does the whole job: it cuts the data into batches, runs
the model, computes the loss, updates the weights, keeps the metrics up to date and calls your
callbacks. At the other end, when you want to decide every detail yourself, you can write the
training loop from scratch, and give up all of that.

Most of the time you need something in between: a training algorithm of your own, but with
everything `fit()` offers around it (callbacks, the progress log, distribution support, running
several steps in one call with `steps_per_execution`). Keras is built for this *progressive
disclosure of complexity*: you can go one level lower without leaving the high-level tools behind.

The place to do it is the model's **training step**. `fit()` calls the model's `train_step()` method
once per batch of data. Override that method in a subclass of `keras.Model`, call `fit()` as
usual, and it runs your algorithm. `evaluate()` works the same way with `test_step()`. The model
can still be built in any style: the examples below subclass `keras.Model` and then create the
model with the functional API, and a `Sequential` model or a fully subclassed one works just as well.

What depends on the backend is how the step computes gradients (and, on JAX, how it handles the
model's state), so the steps below come in three versions: for JAX, for TensorFlow and for PyTorch.

!!! note "How this page differs from keras.io"
    keras.io covers this topic in three pages, one per backend:
    [JAX](https://keras.io/guides/custom_train_step_in_jax/),
    [TensorFlow](https://keras.io/guides/custom_train_step_in_tensorflow/) and
    [PyTorch](https://keras.io/guides/custom_train_step_in_torch/). Here it is one page: the text is
    shared, and each step is written three times, in blocks labelled with their backend. The keras.io
    JAX page ends after the evaluation step; the JAX versions of the sections on sample weights and
    on the GAN were written for this page, and the JAX GAN updates its two networks at the same time
    (its section explains why). The small examples learn a linear relation from 1,000 generated
    samples for 2 or 3 epochs, where keras.io trains on random inputs and targets for 3 to 5 epochs,
    and the evaluation example trains its model before evaluating it. The GAN's networks are smaller,
    and it trains for one epoch on 640 MNIST images, where keras.io uses 100 batches of 64 (6,400
    images, on its TensorFlow page) or all 70,000 (on its PyTorch page), so that the page runs in
    under two minutes per backend on a 2-core CPU.
"""

# %% [markdown]
"""
## Setup

The backend is chosen before Keras is imported, with the `KERAS_BACKEND` environment variable
(`"jax"`, `"tensorflow"` or `"torch"`). This page was executed once per backend, with the variable
set before the first cell ran.
"""

# %%
import numpy as np
import keras

print("Keras", keras.__version__, "on", keras.backend.backend())

# %% [markdown]
"""
The first examples learn a simple regression: 1,000 samples of 32 features, and a target that is a
fixed linear function of the features plus a little noise. `make_regressor()` builds a functional
model of one `Dense` layer from whichever model class we pass it, which is where our subclasses of
`keras.Model` come in.
"""

# %%
rng = np.random.default_rng(0)
x = rng.random((1000, 32)).astype("float32")
true_weights = rng.normal(size=(32, 1)).astype("float32")
y = x @ true_weights + 0.1 * rng.normal(size=(1000, 1)).astype("float32")
print("x:", x.shape, "y:", y.shape)


def make_regressor(model_class):
    inputs = keras.Input(shape=(32,))
    outputs = keras.layers.Dense(1)(inputs)
    return model_class(inputs, outputs)

# %% [markdown]
"""
## A first simple example

We write a subclass of `keras.Model` that overrides the training step, and nothing else. The loss
and the metrics still come from `compile()`:

- `self.compute_loss()` computes the loss configured in `compile()` (plus any regularization losses
  of the layers, on TensorFlow and PyTorch; the JAX step below calls it after `stateless_call()` has
  returned, when those losses are no longer available, so it is written for models without
  regularizers, like ours).
- `self.metrics` lists the metrics to update: first a tracker named `"loss"` that averages the loss,
  then the metrics passed to `compile()`, grouped in one entry. We call `update_state()` on each.
- The step returns a dictionary from metric names to current values. This is what the progress log
  shows and what the callbacks receive.

What the step receives as `data` is one batch of what you passed to `fit()`: for `fit(x, y)` with
NumPy arrays, the tuple `(x, y)`; for a `tf.data.Dataset`, a PyTorch `DataLoader` or a
`keras.utils.PyDataset`, whatever they yield for one batch.

Now the part that depends on the backend, computing the gradients:

- **JAX** differentiates *pure functions*: functions whose result depends only on their arguments.
  So on JAX, `fit()` calls `train_step(state, data)`: `state` holds the current values of all the
  variables (trainable, non-trainable, optimizer, metrics), and the step returns the logs together
  with the new values. Inside, `model.stateless_call()` runs the model on the values it is given
  instead of its stored weights, `jax.value_and_grad()` differentiates that, and
  `optimizer.stateless_apply()` and `metric.stateless_update_state()` return new values instead of
  changing anything in place. Our function for `jax.value_and_grad()` is named `loss_and_updates()`:
  the name must not clash with `compute_loss_and_updates()`, a method of Keras' own JAX trainer that
  its default `test_step()` calls.
- **TensorFlow** records the forward pass inside a `tf.GradientTape`, then asks the tape for the
  gradients of the loss with respect to the weights. `fit()` calls `train_step(data)`.
- **PyTorch** builds its graph while the code runs: `loss.backward()` stores each weight's gradient
  on the PyTorch tensor that holds the weight, `variable.value.grad`. Gradients add up across calls,
  so the step first clears them with `self.zero_grad()` (on this backend a Keras model is also a
  `torch.nn.Module`). The update runs under `torch.no_grad()`, so that it is not itself recorded.
  `fit()` calls `train_step(data)`.

Each block labelled with a backend was run on all three backends, and on the other two it stops
with an error, on purpose. `fit()` calls a JAX step with other arguments than a TensorFlow or
PyTorch step, so on the wrong side the call itself raises a `TypeError`, before the step does any
work. A TensorFlow step run on PyTorch fails at `tape.gradient()`: the loss is a PyTorch tensor,
which TensorFlow cannot handle (a `TypeError` too). A PyTorch step run on TensorFlow stops at
`self.zero_grad()` with an `AttributeError`: that method comes from `torch.nn.Module`, and models
on the TensorFlow backend do not have it. That is why every such block defines its model class and
also trains it: the class alone would be defined without error anywhere. Each version also has a
class name of its own (`JaxCustomModel`, `TensorFlowCustomModel`, `TorchCustomModel`), because the
evaluation section builds on them.
"""

# %% tags=["only-jax"]
import jax


class JaxCustomModel(keras.Model):
    def loss_and_updates(self, trainable_variables, non_trainable_variables, x, y, training=False):
        # A pure function of the variables' values, so that JAX can differentiate it.
        y_pred, non_trainable_variables = self.stateless_call(
            trainable_variables, non_trainable_variables, x, training=training
        )
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        return loss, (y_pred, non_trainable_variables)

    def train_step(self, state, data):
        trainable_variables, non_trainable_variables, optimizer_variables, metrics_variables = state
        x, y = data

        # The loss, its gradients with respect to the trainable variables, and the auxiliary outputs.
        grad_fn = jax.value_and_grad(self.loss_and_updates, has_aux=True)
        (loss, (y_pred, non_trainable_variables)), grads = grad_fn(
            trainable_variables, non_trainable_variables, x, y, training=True
        )

        # New values of the weights and of the optimizer's own variables.
        trainable_variables, optimizer_variables = self.optimizer.stateless_apply(
            optimizer_variables, grads, trainable_variables
        )

        # Each metric owns a slice of metrics_variables, in the order of self.metrics.
        logs = {}
        new_metrics_variables = []
        for metric in self.metrics:
            start = len(new_metrics_variables)
            values = metrics_variables[start : start + len(metric.variables)]
            if metric.name == "loss":
                values = metric.stateless_update_state(values, loss)
            else:
                values = metric.stateless_update_state(values, y, y_pred)
            result = metric.stateless_result(values)
            # The metrics from compile() come as one entry whose result is a dict.
            logs.update(result if isinstance(result, dict) else {metric.name: result})
            new_metrics_variables += values

        state = (trainable_variables, non_trainable_variables, optimizer_variables, new_metrics_variables)
        return logs, state


model = make_regressor(JaxCustomModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
history = model.fit(x, y, epochs=3, verbose=2)

# %% tags=["only-tensorflow"]
import tensorflow as tf


class TensorFlowCustomModel(keras.Model):
    def train_step(self, data):
        x, y = data

        # Record the forward pass, then ask the tape for the gradients.
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(grads, self.trainable_variables)

        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        # {name: value} for every metric, the compiled ones included.
        return self.get_metrics_result()


model = make_regressor(TensorFlowCustomModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
history = model.fit(x, y, epochs=3, verbose=2)

# %% tags=["only-torch"]
import torch


class TorchCustomModel(keras.Model):
    def train_step(self, data):
        x, y = data

        # Clear the gradients that the previous step left on the weights.
        self.zero_grad()
        y_pred = self(x, training=True)
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        # Each weight's gradient is stored on its PyTorch tensor.
        loss.backward()
        weights = self.trainable_variables
        grads = [w.value.grad for w in weights]
        with torch.no_grad():
            self.optimizer.apply(grads, weights)

        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        # {name: value} for every metric, the compiled ones included.
        return self.get_metrics_result()


model = make_regressor(TorchCustomModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
history = model.fit(x, y, epochs=3, verbose=2)

# %% [markdown]
"""
`fit()` ran our step and did everything else as usual: the progress log and the `History` it
returns, with one value per epoch for the loss and for the metric from `compile()`:
"""

# %% tags=["tolerance-training"]
for name, values in history.history.items():
    print(name, [round(float(v), 3) for v in values])

# %% [markdown]
"""
## Going lower-level

Nothing forces you to pass a loss or metrics to `compile()`. The model below takes only the
optimizer from `compile()`; it creates its loss function and its metrics itself, in `__init__()`,
and updates them by hand in the step.

Two details make this work:

- A metric accumulates values until it is reset: without a reset, `result()` would average over
  the whole training instead of the current epoch. `fit()` and `evaluate()` reset every metric in
  `self.metrics` at the start of each epoch and of each evaluation, and metrics assigned as
  attributes of the model, like ours, are in `self.metrics` already.
- We still override the `metrics` property to return exactly our two metrics. Without the override,
  `self.metrics` would also hold the `"loss"` tracker that `compile()` always creates, which our
  step never updates. That does no harm on TensorFlow and PyTorch, but on JAX this list decides
  which metric variables `state` carries, and in what order: the step below expects our two
  metrics' variables and nothing else.
"""

# %% tags=["only-jax"]
import jax


class JaxLowLevelModel(keras.Model):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.loss_fn = keras.losses.MeanSquaredError()
        self.loss_tracker = keras.metrics.Mean(name="loss")
        self.mae_metric = keras.metrics.MeanAbsoluteError(name="mae")

    @property
    def metrics(self):
        return [self.loss_tracker, self.mae_metric]

    def loss_and_updates(self, trainable_variables, non_trainable_variables, x, y, training=False):
        y_pred, non_trainable_variables = self.stateless_call(
            trainable_variables, non_trainable_variables, x, training=training
        )
        return self.loss_fn(y, y_pred), (y_pred, non_trainable_variables)

    def train_step(self, state, data):
        trainable_variables, non_trainable_variables, optimizer_variables, metrics_variables = state
        x, y = data

        grad_fn = jax.value_and_grad(self.loss_and_updates, has_aux=True)
        (loss, (y_pred, non_trainable_variables)), grads = grad_fn(
            trainable_variables, non_trainable_variables, x, y, training=True
        )
        trainable_variables, optimizer_variables = self.optimizer.stateless_apply(
            optimizer_variables, grads, trainable_variables
        )

        # metrics_variables: the loss tracker's variables first, then the MAE metric's.
        n = len(self.loss_tracker.variables)
        loss_values = self.loss_tracker.stateless_update_state(metrics_variables[:n], loss)
        mae_values = self.mae_metric.stateless_update_state(metrics_variables[n:], y, y_pred)
        logs = {
            "loss": self.loss_tracker.stateless_result(loss_values),
            "mae": self.mae_metric.stateless_result(mae_values),
        }
        state = (trainable_variables, non_trainable_variables, optimizer_variables, loss_values + mae_values)
        return logs, state


model = make_regressor(JaxLowLevelModel)
model.compile(optimizer="adam")  # no loss, no metrics
history = model.fit(x, y, epochs=3, verbose=2)
print("logged:", sorted(history.history))

# %% tags=["only-tensorflow"]
import tensorflow as tf


class TensorFlowLowLevelModel(keras.Model):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.loss_fn = keras.losses.MeanSquaredError()
        self.loss_tracker = keras.metrics.Mean(name="loss")
        self.mae_metric = keras.metrics.MeanAbsoluteError(name="mae")

    @property
    def metrics(self):
        return [self.loss_tracker, self.mae_metric]

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.loss_fn(y, y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(grads, self.trainable_variables)

        self.loss_tracker.update_state(loss)
        self.mae_metric.update_state(y, y_pred)
        return {"loss": self.loss_tracker.result(), "mae": self.mae_metric.result()}


model = make_regressor(TensorFlowLowLevelModel)
model.compile(optimizer="adam")  # no loss, no metrics
history = model.fit(x, y, epochs=3, verbose=2)
print("logged:", sorted(history.history))

# %% tags=["only-torch"]
import torch


class TorchLowLevelModel(keras.Model):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.loss_fn = keras.losses.MeanSquaredError()
        self.loss_tracker = keras.metrics.Mean(name="loss")
        self.mae_metric = keras.metrics.MeanAbsoluteError(name="mae")

    @property
    def metrics(self):
        return [self.loss_tracker, self.mae_metric]

    def train_step(self, data):
        x, y = data
        self.zero_grad()
        y_pred = self(x, training=True)
        loss = self.loss_fn(y, y_pred)
        loss.backward()
        weights = self.trainable_variables
        grads = [w.value.grad for w in weights]
        with torch.no_grad():
            self.optimizer.apply(grads, weights)

        self.loss_tracker.update_state(loss)
        self.mae_metric.update_state(y, y_pred)
        return {"loss": self.loss_tracker.result(), "mae": self.mae_metric.result()}


model = make_regressor(TorchLowLevelModel)
model.compile(optimizer="adam")  # no loss, no metrics
history = model.fit(x, y, epochs=3, verbose=2)
print("logged:", sorted(history.history))

# %% [markdown]
"""
## Supporting `sample_weight` and `class_weight`

Our first step took no account of sample weights (its `x, y = data` would even fail on a batch
that carries them). To honour the `sample_weight` argument of `fit()`:

- unpack the batch with `keras.utils.unpack_x_y_sample_weight(data)`, which returns
  `(x, y, sample_weight)` whether `data` holds two items or three (`sample_weight` is `None` when
  there are none);
- pass `sample_weight` to `compute_loss()` and to `update_state()` of the compiled metrics (or apply
  the weights yourself, if you compute the loss and the metrics by hand).

That also covers `class_weight`: `fit()` turns a `class_weight` dictionary into one weight per
sample, taken from each sample's class, and hands it to the step as `sample_weight`. (`fit()` takes
one or the other, not both.)

Here each sample gets a random weight between 0 and 1:
"""

# %%
sample_weight = rng.random((1000, 1)).astype("float32")
print("weights:", sample_weight.shape, "mean", round(float(sample_weight.mean()), 3))

# %% tags=["only-jax"]
import jax


class JaxWeightedModel(keras.Model):
    def loss_and_updates(
        self, trainable_variables, non_trainable_variables, x, y, sample_weight, training=False
    ):
        y_pred, non_trainable_variables = self.stateless_call(
            trainable_variables, non_trainable_variables, x, training=training
        )
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight)
        return loss, (y_pred, non_trainable_variables)

    def train_step(self, state, data):
        trainable_variables, non_trainable_variables, optimizer_variables, metrics_variables = state
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)

        grad_fn = jax.value_and_grad(self.loss_and_updates, has_aux=True)
        (loss, (y_pred, non_trainable_variables)), grads = grad_fn(
            trainable_variables, non_trainable_variables, x, y, sample_weight, training=True
        )
        trainable_variables, optimizer_variables = self.optimizer.stateless_apply(
            optimizer_variables, grads, trainable_variables
        )

        logs = {}
        new_metrics_variables = []
        for metric in self.metrics:
            start = len(new_metrics_variables)
            values = metrics_variables[start : start + len(metric.variables)]
            if metric.name == "loss":
                values = metric.stateless_update_state(values, loss)
            else:
                values = metric.stateless_update_state(values, y, y_pred, sample_weight=sample_weight)
            result = metric.stateless_result(values)
            logs.update(result if isinstance(result, dict) else {metric.name: result})
            new_metrics_variables += values

        state = (trainable_variables, non_trainable_variables, optimizer_variables, new_metrics_variables)
        return logs, state


model = make_regressor(JaxWeightedModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
history = model.fit(x, y, sample_weight=sample_weight, epochs=2, verbose=2)

# %% tags=["only-tensorflow"]
import tensorflow as tf


class TensorFlowWeightedModel(keras.Model):
    def train_step(self, data):
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)

        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(grads, self.trainable_variables)

        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred, sample_weight=sample_weight)
        return self.get_metrics_result()


model = make_regressor(TensorFlowWeightedModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
history = model.fit(x, y, sample_weight=sample_weight, epochs=2, verbose=2)

# %% tags=["only-torch"]
import torch


class TorchWeightedModel(keras.Model):
    def train_step(self, data):
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)

        self.zero_grad()
        y_pred = self(x, training=True)
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight)
        loss.backward()
        weights = self.trainable_variables
        grads = [w.value.grad for w in weights]
        with torch.no_grad():
            self.optimizer.apply(grads, weights)

        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred, sample_weight=sample_weight)
        return self.get_metrics_result()


model = make_regressor(TorchWeightedModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
history = model.fit(x, y, sample_weight=sample_weight, epochs=2, verbose=2)

# %% [markdown]
"""
## Providing your own evaluation step

`evaluate()` runs the model's `test_step()` once per batch, the same way `fit()` runs
`train_step()`, and `fit()` runs it too when you give it validation data. So you customize
evaluation by overriding `test_step()`. It is simpler than a training step: no gradients and no
optimizer. On JAX, `test_step(state, data)` receives and returns three lists of values (trainable,
non-trainable and metric variables), since evaluation has no optimizer state. On TensorFlow and
PyTorch, `test_step(data)` is the same code.

Below, each backend adds a `test_step()` that handles sample weights to the model class of the first
example, so the model has both steps of its own. `fit()` trains on 800 samples and measures the
other 200 after each epoch with our `test_step()` (the `val_` columns of the log); then `evaluate()`
runs it on the same 200 samples. (The TensorFlow and PyTorch blocks differ only in the training step
they inherit, and that is what makes each of them fail on the other backend.)
"""

# %% tags=["only-jax", "tolerance-training"]
class JaxEvaluatingModel(JaxCustomModel):
    def test_step(self, state, data):
        trainable_variables, non_trainable_variables, metrics_variables = state
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)

        y_pred, non_trainable_variables = self.stateless_call(
            trainable_variables, non_trainable_variables, x, training=False
        )
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=False)

        logs = {}
        new_metrics_variables = []
        for metric in self.metrics:
            start = len(new_metrics_variables)
            values = metrics_variables[start : start + len(metric.variables)]
            if metric.name == "loss":
                values = metric.stateless_update_state(values, loss)
            else:
                values = metric.stateless_update_state(values, y, y_pred, sample_weight=sample_weight)
            result = metric.stateless_result(values)
            logs.update(result if isinstance(result, dict) else {metric.name: result})
            new_metrics_variables += values

        return logs, (trainable_variables, non_trainable_variables, new_metrics_variables)


model = make_regressor(JaxEvaluatingModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
model.fit(x[:800], y[:800], validation_data=(x[800:], y[800:]), epochs=2, verbose=2)
results = model.evaluate(x[800:], y[800:], verbose=0, return_dict=True)
print("evaluate():", {name: round(float(value), 3) for name, value in results.items()})

# %% tags=["only-tensorflow", "tolerance-training"]
class TensorFlowEvaluatingModel(TensorFlowCustomModel):
    def test_step(self, data):
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)

        y_pred = self(x, training=False)
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=False)

        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred, sample_weight=sample_weight)
        return self.get_metrics_result()


model = make_regressor(TensorFlowEvaluatingModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
model.fit(x[:800], y[:800], validation_data=(x[800:], y[800:]), epochs=2, verbose=2)
results = model.evaluate(x[800:], y[800:], verbose=0, return_dict=True)
print("evaluate():", {name: round(float(value), 3) for name, value in results.items()})

# %% tags=["only-torch", "tolerance-training"]
class TorchEvaluatingModel(TorchCustomModel):
    def test_step(self, data):
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)

        y_pred = self(x, training=False)
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=False)

        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred, sample_weight=sample_weight)
        return self.get_metrics_result()


model = make_regressor(TorchEvaluatingModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
model.fit(x[:800], y[:800], validation_data=(x[800:], y[800:]), epochs=2, verbose=2)
results = model.evaluate(x[800:], y[800:], verbose=0, return_dict=True)
print("evaluate():", {name: round(float(value), 3) for name, value in results.items()})

# %% [markdown]
"""
`evaluate()` printed the same loss and MAE as the `val_` columns of the last epoch: both ran our
`test_step()` on the same 200 samples with the same weights.
"""

# %% [markdown]
"""
## Wrapping up: an end-to-end GAN example

Let's put it all together in a generative adversarial network (GAN) trained on MNIST digits. A GAN
has two networks that learn against each other:

- a **generator** turns a random vector from a *latent space* into a 28x28x1 image;
- a **discriminator** looks at a 28x28x1 image and says whether it is fake (from the generator)
  or real (from the data set).

Each network has its own optimizer, and one loss function (binary cross-entropy on the
discriminator's logits) serves both. Each training step has two phases. First the discriminator
learns from a batch of generated images labelled 1 ("fake") and a batch of real images labelled 0
("real"); a little random noise on the labels is a common trick that makes GAN training steadier.
Then the generator learns to fool it: we generate new images, label them all "real", pass them
through the discriminator, and update only the generator's weights with the gradients of the loss
of its predictions against those labels.

The two networks are ordinary `Sequential` models, the same on every backend. They are smaller
than on keras.io, so that the page runs quickly:
"""

# %%
latent_dim = 64


def make_discriminator():
    return keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            keras.layers.Conv2D(32, 3, strides=2, padding="same"),
            keras.layers.LeakyReLU(negative_slope=0.2),
            keras.layers.Conv2D(64, 3, strides=2, padding="same"),
            keras.layers.LeakyReLU(negative_slope=0.2),
            keras.layers.GlobalMaxPooling2D(),
            keras.layers.Dense(1),
        ],
        name="discriminator",
    )


def make_generator():
    return keras.Sequential(
        [
            keras.Input(shape=(latent_dim,)),
            keras.layers.Dense(7 * 7 * 32),
            keras.layers.LeakyReLU(negative_slope=0.2),
            keras.layers.Reshape((7, 7, 32)),
            keras.layers.Conv2DTranspose(32, 4, strides=2, padding="same"),
            keras.layers.LeakyReLU(negative_slope=0.2),
            keras.layers.Conv2DTranspose(32, 4, strides=2, padding="same"),
            keras.layers.LeakyReLU(negative_slope=0.2),
            keras.layers.Conv2D(1, 7, padding="same", activation="sigmoid"),
        ],
        name="generator",
    )


print("discriminator parameters:", make_discriminator().count_params())
print("generator parameters:", make_generator().count_params())

# %% [markdown]
"""
The data: 640 MNIST training images, scaled to [0, 1], with a channel axis. A GAN needs no labels,
so we pass `fit()` the images alone. The step takes them out of its `data` with
`keras.utils.unpack_x_y_sample_weight()`, which also works when `data` is not a tuple.
"""

# %%
(mnist_images, _), _ = keras.datasets.mnist.load_data()
real_images = np.expand_dims(mnist_images[:640].astype("float32") / 255, -1)
print("real images:", real_images.shape)

# %% [markdown]
"""
Now the GAN itself, a `keras.Model` that holds the two networks. It overrides `compile()` to take
its own arguments (two optimizers and a loss function) and `train_step()` to run the two phases.
Its `metrics` are two loss trackers, which `fit()` resets each epoch. The random vectors and the
label noise come from `keras.random` with a `SeedGenerator`, the model's own seeded source of
randomness. The GAN has no `call()` of its own, so `fit()` could not build it by calling it on a
batch (on JAX and PyTorch it tries, and stops with a `RuntimeError`); its two networks are built
already (they start with `keras.Input`), so `__init__()` sets `self.built = True`.

On TensorFlow and PyTorch the step runs the two phases one after the other: the discriminator is
updated first, and the generator then learns against the updated discriminator. The JAX version
differs in one point. On JAX, `fit()` carries the variables of one optimizer from step to step,
`self.optimizer`, so the GAN's `compile()` passes Keras a `keras.optimizers.MultiOptimizer`, which
hands each variable to one of the two optimizers according to its path (`discriminator/...` or the
rest). A single `stateless_apply()` then updates all the variables: both networks take their step
at the same time, from the same weights. Random draws need care there too: the seed generator's state is a
non-trainable variable of the GAN, so the step draws inside a `keras.StatelessScope` that maps that
variable to its value in `state`, and puts the advanced value in the new state.

After one epoch on 640 images the generator cannot draw digits yet (keras.io suggests about 20
epochs on the whole of MNIST for good results). But it is a model of its own: each block ends by
asking the trained generator for four new images.
"""

# %% tags=["only-jax"]
import jax


class JaxGAN(keras.Model):
    def __init__(self, discriminator, generator, latent_dim):
        super().__init__()
        # The discriminator is assigned first, so its variables come first in self.trainable_variables.
        self.discriminator = discriminator
        self.generator = generator
        self.latent_dim = latent_dim
        self.seed_generator = keras.random.SeedGenerator(1337)
        self.d_loss_tracker = keras.metrics.Mean(name="d_loss")
        self.g_loss_tracker = keras.metrics.Mean(name="g_loss")
        # Both networks start with keras.Input, so they are built already; the GAN has no call()
        # of its own for fit() to build it with.
        self.built = True

    @property
    def metrics(self):
        return [self.d_loss_tracker, self.g_loss_tracker]

    def compile(self, d_optimizer, g_optimizer, loss_fn):
        # One optimizer for fit() to carry through the steps, which hands each variable to one of two.
        optimizer = keras.optimizers.MultiOptimizer(
            keras.optimizers.OptimizerMap(
                default_optimizer=g_optimizer, optimizer_map={"discriminator/.*": d_optimizer}
            )
        )
        super().compile(optimizer=optimizer)
        self.loss_fn = loss_fn

    # Neither network has non-trainable variables, hence the empty lists.
    def discriminator_loss(self, d_variables, images, labels):
        predictions, _ = self.discriminator.stateless_call(d_variables, [], images)
        return self.loss_fn(labels, predictions)

    def generator_loss(self, g_variables, d_variables, latent, labels):
        images, _ = self.generator.stateless_call(g_variables, [], latent)
        predictions, _ = self.discriminator.stateless_call(d_variables, [], images)
        return self.loss_fn(labels, predictions)

    def train_step(self, state, data):
        trainable_variables, non_trainable_variables, optimizer_variables, metrics_variables = state
        real_images, _, _ = keras.utils.unpack_x_y_sample_weight(data)
        batch_size = real_images.shape[0]
        n_d = len(self.discriminator.trainable_variables)
        d_variables, g_variables = trainable_variables[:n_d], trainable_variables[n_d:]

        # Random draws, with the seed generator's state taken from (and returned to) state.
        mapping = list(zip(self.non_trainable_variables, non_trainable_variables))
        with keras.StatelessScope(state_mapping=mapping) as scope:
            latent = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
            label_noise = keras.random.uniform((2 * batch_size, 1), seed=self.seed_generator)
            new_latent = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        non_trainable_variables = [scope.get_current_value(v) for v in self.non_trainable_variables]

        # Phase 1: generated images are "fake" (1), real ones "real" (0), with noisy labels.
        fake_images, _ = self.generator.stateless_call(g_variables, [], latent)
        images = keras.ops.concatenate([fake_images, real_images], axis=0)
        labels = keras.ops.concatenate(
            [keras.ops.ones((batch_size, 1)), keras.ops.zeros((batch_size, 1))], axis=0
        )
        labels = labels + 0.05 * label_noise
        d_loss, d_grads = jax.value_and_grad(self.discriminator_loss)(d_variables, images, labels)

        # Phase 2: the generator's images, all labelled "real"; gradients for the generator only.
        misleading_labels = keras.ops.zeros((batch_size, 1))
        g_loss, g_grads = jax.value_and_grad(self.generator_loss)(
            g_variables, d_variables, new_latent, misleading_labels
        )

        # Both networks take their step at once, each with its own optimizer.
        trainable_variables, optimizer_variables = self.optimizer.stateless_apply(
            optimizer_variables, d_grads + g_grads, trainable_variables
        )

        n_m = len(self.d_loss_tracker.variables)
        d_values = self.d_loss_tracker.stateless_update_state(metrics_variables[:n_m], d_loss)
        g_values = self.g_loss_tracker.stateless_update_state(metrics_variables[n_m:], g_loss)
        logs = {
            "d_loss": self.d_loss_tracker.stateless_result(d_values),
            "g_loss": self.g_loss_tracker.stateless_result(g_values),
        }
        state = (trainable_variables, non_trainable_variables, optimizer_variables, d_values + g_values)
        return logs, state


gan = JaxGAN(make_discriminator(), make_generator(), latent_dim)
gan.compile(
    d_optimizer=keras.optimizers.Adam(learning_rate=3e-4),
    g_optimizer=keras.optimizers.Adam(learning_rate=3e-4),
    loss_fn=keras.losses.BinaryCrossentropy(from_logits=True),
)
gan.fit(real_images, batch_size=64, epochs=1, verbose=2)

# The trained generator is a model of its own: four new images.
samples = gan.generator.predict(keras.random.normal((4, latent_dim), seed=7), verbose=0)
print("generated images:", samples.shape)
print("pixel values in [0, 1]:", bool(samples.min() >= 0 and samples.max() <= 1))

# %% tags=["only-tensorflow"]
import tensorflow as tf


class TensorFlowGAN(keras.Model):
    def __init__(self, discriminator, generator, latent_dim):
        super().__init__()
        self.discriminator = discriminator
        self.generator = generator
        self.latent_dim = latent_dim
        self.seed_generator = keras.random.SeedGenerator(1337)
        self.d_loss_tracker = keras.metrics.Mean(name="d_loss")
        self.g_loss_tracker = keras.metrics.Mean(name="g_loss")
        # Both networks start with keras.Input, so they are built already; the GAN has no call()
        # of its own for fit() to build it with.
        self.built = True

    @property
    def metrics(self):
        return [self.d_loss_tracker, self.g_loss_tracker]

    def compile(self, d_optimizer, g_optimizer, loss_fn):
        super().compile()
        self.d_optimizer = d_optimizer
        self.g_optimizer = g_optimizer
        self.loss_fn = loss_fn

    def train_step(self, data):
        real_images, _, _ = keras.utils.unpack_x_y_sample_weight(data)
        batch_size = keras.ops.shape(real_images)[0]

        # Phase 1: generated images are "fake" (1), real ones "real" (0), with noisy labels.
        latent = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        fake_images = keras.ops.stop_gradient(self.generator(latent))
        images = keras.ops.concatenate([fake_images, real_images], axis=0)
        labels = keras.ops.concatenate(
            [keras.ops.ones((batch_size, 1)), keras.ops.zeros((batch_size, 1))], axis=0
        )
        labels = labels + 0.05 * keras.random.uniform(keras.ops.shape(labels), seed=self.seed_generator)
        with tf.GradientTape() as tape:
            d_loss = self.loss_fn(labels, self.discriminator(images))
        d_weights = self.discriminator.trainable_variables
        self.d_optimizer.apply(tape.gradient(d_loss, d_weights), d_weights)

        # Phase 2: new images, all labelled "real"; only the generator's weights are updated.
        latent = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        misleading_labels = keras.ops.zeros((batch_size, 1))
        with tf.GradientTape() as tape:
            g_loss = self.loss_fn(misleading_labels, self.discriminator(self.generator(latent)))
        g_weights = self.generator.trainable_variables
        self.g_optimizer.apply(tape.gradient(g_loss, g_weights), g_weights)

        self.d_loss_tracker.update_state(d_loss)
        self.g_loss_tracker.update_state(g_loss)
        return {"d_loss": self.d_loss_tracker.result(), "g_loss": self.g_loss_tracker.result()}


gan = TensorFlowGAN(make_discriminator(), make_generator(), latent_dim)
gan.compile(
    d_optimizer=keras.optimizers.Adam(learning_rate=3e-4),
    g_optimizer=keras.optimizers.Adam(learning_rate=3e-4),
    loss_fn=keras.losses.BinaryCrossentropy(from_logits=True),
)
gan.fit(real_images, batch_size=64, epochs=1, verbose=2)

# The trained generator is a model of its own: four new images.
samples = gan.generator.predict(keras.random.normal((4, latent_dim), seed=7), verbose=0)
print("generated images:", samples.shape)
print("pixel values in [0, 1]:", bool(samples.min() >= 0 and samples.max() <= 1))

# %% tags=["only-torch"]
import torch


class TorchGAN(keras.Model):
    def __init__(self, discriminator, generator, latent_dim):
        super().__init__()
        self.discriminator = discriminator
        self.generator = generator
        self.latent_dim = latent_dim
        self.seed_generator = keras.random.SeedGenerator(1337)
        self.d_loss_tracker = keras.metrics.Mean(name="d_loss")
        self.g_loss_tracker = keras.metrics.Mean(name="g_loss")
        # Both networks start with keras.Input, so they are built already; the GAN has no call()
        # of its own for fit() to build it with.
        self.built = True

    @property
    def metrics(self):
        return [self.d_loss_tracker, self.g_loss_tracker]

    def compile(self, d_optimizer, g_optimizer, loss_fn):
        super().compile()
        self.d_optimizer = d_optimizer
        self.g_optimizer = g_optimizer
        self.loss_fn = loss_fn

    def train_step(self, data):
        real_images, _, _ = keras.utils.unpack_x_y_sample_weight(data)
        batch_size = keras.ops.shape(real_images)[0]

        # Phase 1: generated images are "fake" (1), real ones "real" (0), with noisy labels.
        latent = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        fake_images = keras.ops.stop_gradient(self.generator(latent))
        images = keras.ops.concatenate([fake_images, real_images], axis=0)
        labels = keras.ops.concatenate(
            [keras.ops.ones((batch_size, 1)), keras.ops.zeros((batch_size, 1))], axis=0
        )
        labels = labels + 0.05 * keras.random.uniform(keras.ops.shape(labels), seed=self.seed_generator)
        self.zero_grad()
        d_loss = self.loss_fn(labels, self.discriminator(images))
        d_loss.backward()
        d_weights = self.discriminator.trainable_variables
        with torch.no_grad():
            self.d_optimizer.apply([w.value.grad for w in d_weights], d_weights)

        # Phase 2: new images, all labelled "real"; only the generator's weights are updated.
        latent = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        misleading_labels = keras.ops.zeros((batch_size, 1))
        self.zero_grad()
        g_loss = self.loss_fn(misleading_labels, self.discriminator(self.generator(latent)))
        g_loss.backward()
        g_weights = self.generator.trainable_variables
        with torch.no_grad():
            self.g_optimizer.apply([w.value.grad for w in g_weights], g_weights)

        self.d_loss_tracker.update_state(d_loss)
        self.g_loss_tracker.update_state(g_loss)
        return {"d_loss": self.d_loss_tracker.result(), "g_loss": self.g_loss_tracker.result()}


gan = TorchGAN(make_discriminator(), make_generator(), latent_dim)
gan.compile(
    d_optimizer=keras.optimizers.Adam(learning_rate=3e-4),
    g_optimizer=keras.optimizers.Adam(learning_rate=3e-4),
    loss_fn=keras.losses.BinaryCrossentropy(from_logits=True),
)
gan.fit(real_images, batch_size=64, epochs=1, verbose=2)

# The trained generator is a model of its own: four new images.
samples = gan.generator.predict(keras.random.normal((4, latent_dim), seed=7), verbose=0)
print("generated images:", samples.shape)
print("pixel values in [0, 1]:", bool(samples.min() >= 0 and samples.max() <= 1))

# %% [markdown]
"""
## Where to go next

- [Writing a training loop from scratch](https://keras.io/guides/writing_a_custom_training_loop_in_jax/)
  (keras.io, English; also for [TensorFlow](https://keras.io/guides/writing_a_custom_training_loop_in_tensorflow/)
  and [PyTorch](https://keras.io/guides/writing_a_custom_training_loop_in_torch/)): the level below
  this one, where you write the loop over epochs and batches too.
- The [introduction to Keras for engineers](intro_to_keras_for_engineers.md) on this site
  shows `fit()`, callbacks and a custom `train_step()` in a complete workflow.
"""
