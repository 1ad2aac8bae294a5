# ---
# jupyter:
#   jupytext:
#     cell_markers: '"""'
#     formats: py:percent
#     notebook_metadata_filter: guide
#   guide:
#     title: Writing a training loop from scratch
#     description: Low-level training and evaluation loops for a Keras 3 model, written for JAX, TensorFlow and PyTorch side by side.
#     author: François Chollet
#     date_created: '2023-06-25'
#     last_modified: '2026-12-05'
#     original: https://keras.io/guides/writing_a_custom_training_loop_in_jax/
#     backends: [jax, tensorflow, torch]
#     timeout: 600
# ---

# %% [markdown]
"""
## Introduction

Keras comes with its own training and evaluation loops, `fit()` and `evaluate()`. When you want a
learning algorithm of your own but still like what `fit()` does for you, you can override the
model's `train_step()` and keep calling `fit()` ([Introduction to Keras for
Engineers](intro_to_keras_for_engineers.md) shows how). This page goes one level lower: you write the whole loop yourself, from the first batch
to the last metric, and Keras only provides the model, the loss, the optimizer and the metrics.

That loop is the one place where the backend shows through. Computing gradients is done by the
framework underneath Keras, and JAX, TensorFlow and PyTorch each do it their own way. So the shared
parts of this page (data, model, metrics, losses) are written once, and each step that computes
gradients is written three times, once per backend.

!!! note "How this page differs from keras.io"
    keras.io has one page per backend:
    [JAX](https://keras.io/guides/writing_a_custom_training_loop_in_jax/),
    [TensorFlow](https://keras.io/guides/writing_a_custom_training_loop_in_tensorflow/) and
    [PyTorch](https://keras.io/guides/writing_a_custom_training_loop_in_torch/). This page covers
    all three: the text and the shared code are the same for every backend, and a block marked with
    a backend's name (for example "JAX only") is the version of a step for that backend. Every block
    was run on all three backends. A block for one backend cannot run on the other two: each such
    block was checked to stop with an error there, and the text says where and why. To keep each
    run to a few minutes on a 2-core CPU, the model trains on 6,400 MNIST images instead of 50,000,
    in batches of 64 instead of 32, for one or two epochs instead of up to three; it is validated
    on 1,280 images instead of 10,000. The images are also scaled to [0, 1], batches come from a
    small NumPy generator rather than `tf.data` or a PyTorch `DataLoader`, and the GAN example at
    the end of the TensorFlow page is left out.
"""

# %% [markdown]
"""
## Setup

The backend is chosen before Keras is imported, with the `KERAS_BACKEND` environment variable
(`"jax"`, `"tensorflow"` or `"torch"`). This page was executed once per backend, with the variable
set before its first cell ran.
"""

# %%
import time

import numpy as np
import keras

print("Keras", keras.__version__, "on", keras.backend.backend())

# %% [markdown]
"""
## Data, model, loss and optimizer

A training loop needs four things: data, a model, a loss function and an optimizer. We take MNIST,
flatten each 28x28 image into a vector of 784 values between 0 and 1, and keep 6,400 images for
training and 1,280 for validation (both multiples of the batch size, so that every batch has the
same shape).

In a loop of your own, batches can come from anything you can iterate over: a `tf.data.Dataset`,
a PyTorch `DataLoader`, a Python generator. What matters is what each batch holds: a Keras model
accepts NumPy arrays on every backend (keras.io's JAX page converts each `tf.data` batch to NumPy
for that reason). Here a small generator cuts the NumPy arrays into batches of 64, shuffled with a
fixed seed so that every run sees the same order.
"""

# %%
(x_all, y_all), _ = keras.datasets.mnist.load_data()
x_all = x_all.reshape(-1, 784).astype("float32") / 255
y_all = y_all.astype("int32")

x_train, y_train = x_all[:6400], y_all[:6400]
x_val, y_val = x_all[-1280:], y_all[-1280:]
batch_size = 64


def batches(x, y, seed=None):
    """Yield (inputs, labels) NumPy batches; shuffled when a seed is given."""
    order = np.arange(len(x)) if seed is None else np.random.default_rng(seed).permutation(len(x))
    for start in range(0, len(x), batch_size):
        index = order[start : start + batch_size]
        yield x[index], y[index]


print("training:", x_train.shape, "validation:", x_val.shape)
print("batches per epoch:", len(x_train) // batch_size)

# %% [markdown]
"""
The model is a small multilayer perceptron built with the functional API. Its last layer has no
activation: it returns *logits*, and the loss is told so with `from_logits=True`. The optimizer is
Keras' Adam. The same Keras loss and optimizer work on every backend.
"""

# %%
def make_model():
    inputs = keras.Input(shape=(784,), name="digits")
    x = keras.layers.Dense(64, activation="relu")(inputs)
    x = keras.layers.Dense(64, activation="relu")(x)
    outputs = keras.layers.Dense(10, name="logits")(x)
    return keras.Model(inputs, outputs)


model = make_model()
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = keras.optimizers.Adam(learning_rate=1e-3)
print("trainable variables:", len(model.trainable_variables))
print("parameters:", model.count_params())

# %% [markdown]
"""
## A first end-to-end training loop

Whatever the backend, one training step does the same three things:

1. run the model on a batch (the forward pass) and compute the loss;
2. compute the gradient of the loss with respect to each trainable variable;
3. let the optimizer update the variables with those gradients.

The loop repeats that step over the batches of an epoch and prints some progress now and then.
Step 2 is the backend's job, and that is where the three versions below differ. Read the one for
the backend you use; each block runs one epoch (100 steps) and prints the loss of the current batch
every 25 steps.

### JAX: gradients of a stateless function

JAX computes gradients by transforming a function. `jax.grad(f)` returns a new function that
computes the gradient of `f` with respect to its first argument, and `jax.value_and_grad(f)`
returns one that computes both the value of `f` and that gradient. So the first thing to write is
a function that returns the loss:

```python
def compute_loss(x, y):
    ...
    return loss

grad_fn = jax.value_and_grad(compute_loss)
loss, grads = grad_fn(x, y)
```

JAX also wants that function to be *stateless*: everything it reads comes in as an argument, and
everything it changes goes out as a return value. A Keras model, though, keeps its weights in
variables. `model.stateless_call()` bridges the two: it runs the model with the variable values you
pass in, leaves the model's own variables untouched, and returns the outputs together with the new
values of the non-trainable variables (a model with `BatchNormalization` or `Dropout` changes those
during the forward pass).

Our loss function therefore takes the trainable values first (those are what we differentiate
with respect to), and returns the loss plus the non-trainable values. `has_aux=True` tells
`jax.value_and_grad` that the function returns more than the loss, the loss coming first.
The optimizer has a stateless method as well: `optimizer.stateless_apply()` takes the optimizer's
variables, the gradients and the trainable variables, and returns new values for both instead of
assigning them.

The state of the whole training run is then a tuple of three lists of values: trainable variables,
non-trainable variables and optimizer variables (for Adam: a step counter, the learning rate, and
two moving averages per weight). All of them must exist before the loop starts: a functional
model is built as soon as it is created (a subclassed model must first be built, for example by
calling it on a batch), and `optimizer.build()` creates the optimizer's variables.

Notice what the loop does not do: it never touches the model's variables. The trained values live
only in `state`. Before you use the model outside the loop (to predict, to evaluate, to save it),
the block writes them back with `variable.assign()`.

On TensorFlow and PyTorch this block stops at the first call of `grad_fn`: the state it receives
holds TensorFlow or PyTorch variables, and JAX accepts only its own arrays (and NumPy's) as the
inputs of a function it transforms.
"""

# %% tags=["only-jax", "tolerance-training"]
import jax


def compute_loss_and_updates(trainable_variables, non_trainable_variables, x, y):
    """The loss of one batch, computed without side effects."""
    logits, non_trainable_variables = model.stateless_call(
        trainable_variables, non_trainable_variables, x, training=True
    )
    return loss_fn(y, logits), non_trainable_variables


grad_fn = jax.value_and_grad(compute_loss_and_updates, has_aux=True)


def train_step(state, x, y):
    trainable_variables, non_trainable_variables, optimizer_variables = state
    (loss, non_trainable_variables), grads = grad_fn(
        trainable_variables, non_trainable_variables, x, y
    )
    trainable_variables, optimizer_variables = optimizer.stateless_apply(
        optimizer_variables, grads, trainable_variables
    )
    return loss, (trainable_variables, non_trainable_variables, optimizer_variables)


def values(variables):
    return [variable.value for variable in variables]


optimizer.build(model.trainable_variables)
state = (
    values(model.trainable_variables),
    values(model.non_trainable_variables),
    values(optimizer.variables),
)

start = time.time()
for step, (x, y) in enumerate(batches(x_train, y_train, seed=0)):
    loss, state = train_step(state, x, y)
    if step % 25 == 0:
        print(f"step {step}: loss {float(loss):.4f}")
print(f"one epoch, eager: {time.time() - start:.1f}s")

# The trained values are only in `state`: write them back into the model and the optimizer.
trainable_values, non_trainable_values, optimizer_values = state
for variable, value in zip(model.trainable_variables, trainable_values):
    variable.assign(value)
for variable, value in zip(model.non_trainable_variables, non_trainable_values):
    variable.assign(value)
for variable, value in zip(optimizer.variables, optimizer_values):
    variable.assign(value)
print("optimizer iterations:", int(optimizer.iterations.value))

# %% [markdown]
"""
### TensorFlow: recording the forward pass with `GradientTape`

TensorFlow computes gradients from a record of the operations that ran. Inside a
`with tf.GradientTape() as tape:` block, the tape records every operation on the model's
variables; `tape.gradient(loss, model.trainable_weights)` then walks that record backwards and
returns one gradient per variable, in the same order. `optimizer.apply(grads, variables)` updates
the variables in place. Unlike in JAX, the model's variables are changed directly, so there is
nothing to write back afterwards.

On JAX and PyTorch this block stops at `tape.gradient()`: there the model computes with that
backend's operations, so the loss is a JAX array or a PyTorch tensor rather than a TensorFlow
tensor, and `tape.gradient()` accepts only TensorFlow tensors as the value to differentiate (the
tape has recorded none of those operations either).
"""

# %% tags=["only-tensorflow", "tolerance-training"]
import tensorflow as tf

start = time.time()
for step, (x, y) in enumerate(batches(x_train, y_train, seed=0)):
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss = loss_fn(y, logits)
    grads = tape.gradient(loss, model.trainable_weights)
    optimizer.apply(grads, model.trainable_weights)
    if step % 25 == 0:
        print(f"step {step}: loss {float(loss):.4f}")
print(f"one epoch, eager: {time.time() - start:.1f}s")

# %% [markdown]
"""
### PyTorch: `loss.backward()`

In PyTorch every tensor computed from a variable remembers how it was computed. Calling
`loss.backward()` runs backpropagation through that history and stores each variable's gradient
on the variable itself, in its `.grad` attribute. On the PyTorch backend a Keras variable wraps a
`torch.nn.Parameter`, reachable as `variable.value`, so the gradients are
`[v.value.grad for v in model.trainable_weights]`. Two things to remember:

- gradients accumulate: call `model.zero_grad()` before `loss.backward()`, or each step adds its
  gradients to those of the previous steps;
- call `optimizer.apply()` inside `torch.no_grad()`, so that the update itself is not recorded for
  backpropagation; Keras' own `fit()` step does the same.

On JAX and TensorFlow this block stops at `model.zero_grad()`: on those backends a Keras model is
not a `torch.nn.Module` and has no such method (and the loss, a JAX array or a TensorFlow tensor,
would have no `backward()` either).
"""

# %% tags=["only-torch", "tolerance-training"]
import torch

start = time.time()
for step, (x, y) in enumerate(batches(x_train, y_train, seed=0)):
    logits = model(x, training=True)
    loss = loss_fn(y, logits)
    model.zero_grad()
    loss.backward()
    grads = [variable.value.grad for variable in model.trainable_weights]
    with torch.no_grad():
        optimizer.apply(grads, model.trainable_weights)
    if step % 25 == 0:
        print(f"step {step}: loss {loss.item():.4f}")
print(f"one epoch, eager: {time.time() - start:.1f}s")

# %% [markdown]
"""
Whichever loop trained it, `model` is now an ordinary trained Keras model (on JAX, once the values
were written back). Everything else in Keras works on it, for example `predict()`:
"""

# %% tags=["tolerance-training"]
val_logits = model.predict(x_val, batch_size=256, verbose=0)
val_accuracy = np.mean(np.argmax(val_logits, axis=-1) == y_val)
print(f"validation accuracy after one epoch: {val_accuracy:.4f}")

# %% [markdown]
"""
### PyTorch: a PyTorch optimizer and loss

On the PyTorch backend a Keras model is also a `torch.nn.Module`, so PyTorch's own optimizers and
losses work with it too: `model.parameters()` gives the parameters to a `torch.optim` optimizer,
and `optimizer.step()` applies the gradients that `loss.backward()` stored. One trap: Keras losses
take the true values first, `loss_fn(y_true, y_pred)`, while PyTorch's losses take the prediction
first, `loss_fn(y_pred, y_true)`. PyTorch's `CrossEntropyLoss` also expects logits, and class
labels as `int64` integers (it refuses `int32`).

On JAX and TensorFlow this block stops at `model.parameters()`, which only a `torch.nn.Module` has.
"""

# %% tags=["only-torch", "tolerance-training"]
torch_model = make_model()
torch_optimizer = torch.optim.Adam(torch_model.parameters(), lr=1e-3)
torch_loss_fn = torch.nn.CrossEntropyLoss()

for step, (x, y) in enumerate(batches(x_train, y_train, seed=0)):
    logits = torch_model(x, training=True)
    loss = torch_loss_fn(logits, torch.as_tensor(y, dtype=torch.int64))  # prediction first
    torch_optimizer.zero_grad()
    loss.backward()
    torch_optimizer.step()
    if step % 25 == 0:
        print(f"step {step}: loss {loss.item():.4f}")

# %% [markdown]
"""
## Speeding up the step with `jax.jit` and `tf.function`

The loops above run *eagerly*: every operation is dispatched to the framework one after the other,
as Python reaches it. That is convenient for debugging (you can print anything, anywhere), but slow,
because the framework never sees the step as a whole. Compiling the step into a graph lets it fuse
and optimize the operations and run them without going back to Python in between.

- **JAX**: `jax.jit(train_step)` compiles a stateless function with XLA. The first call *traces*
  it (runs it once with abstract values of the same shapes and dtypes) and compiles the result;
  later calls with the same shapes run the compiled program. Our `train_step` is already stateless,
  so it can be compiled as it is. A batch of another shape would trigger a new compilation, one more
  reason why every batch here has 64 images.
- **TensorFlow**: decorating the step with `@tf.function` traces it into a TensorFlow graph on the
  first call. `@tf.function(jit_compile=True)` would also compile that graph with XLA, as `jax.jit`
  does.
- **PyTorch**: Keras runs PyTorch eagerly by default (`compile(jit_compile="auto")` means eager on
  this backend, while `jit_compile=True` uses `torch.compile`). This page keeps the PyTorch loop
  eager, so there is no PyTorch block in this section.

Each compiled loop below trains a fresh model for one epoch, to compare its time with the eager
epoch above. On TensorFlow and PyTorch the JAX block stops at the first call of the compiled step,
as before, because its state holds the other backend's variables. On JAX and PyTorch the
TensorFlow block stops while `tf.function` traces the step: the model is asked to compute on
symbolic TensorFlow tensors, which that backend's operations cannot take.
"""

# %% tags=["only-jax", "tolerance-training"]
model = make_model()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)
optimizer.build(model.trainable_variables)
state = (
    values(model.trainable_variables),
    values(model.non_trainable_variables),
    values(optimizer.variables),
)

jit_train_step = jax.jit(train_step)

start = time.time()
for step, (x, y) in enumerate(batches(x_train, y_train, seed=0)):
    loss, state = jit_train_step(state, x, y)
    if step % 25 == 0:
        print(f"step {step}: loss {float(loss):.4f}")
print(f"one epoch, compiled: {time.time() - start:.1f}s")

# %% tags=["only-tensorflow", "tolerance-training"]
model = make_model()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss = loss_fn(y, logits)
    grads = tape.gradient(loss, model.trainable_weights)
    optimizer.apply(grads, model.trainable_weights)
    return loss


start = time.time()
for step, (x, y) in enumerate(batches(x_train, y_train, seed=0)):
    loss = train_step(x, y)
    if step % 25 == 0:
        print(f"step {step}: loss {float(loss):.4f}")
print(f"one epoch, compiled: {time.time() - start:.1f}s")

# %% [markdown]
"""
The first compiled step is the slow one, because it includes tracing and compiling; the steps
after it run several times faster than eager ones (compare the times printed above). For a model
this small, an eager step spends most of its time handing operations to the framework one by one,
not computing, and that overhead is what compiling removes. The rest of this page compiles its JAX
and TensorFlow steps the same way.

## Low-level handling of metrics

Keras metrics, built-in or your own, work in a hand-written loop too. With TensorFlow and PyTorch
you use them as stateful objects:

- create the metric before the loop, for example `keras.metrics.SparseCategoricalAccuracy()`;
- call `metric.update_state(y_true, y_pred)` after each batch;
- call `metric.result()` when you want its current value;
- call `metric.reset_state()` to start again from zero, typically at the end of an epoch.

In a JAX step, which must stay stateless, each of these has a stateless form that takes the
metric's variables and returns new ones:
`metric.stateless_update_state(metric_variables, y_true, y_pred)` and
`metric.stateless_result(metric_variables)`. The metric's variables simply become one more
part of the state, and "resetting" means starting again from the metric's initial values.

Validation works the same way, with a second metric object and an evaluation step that runs the
model with `training=False` and computes no gradients. The loops below train a fresh model for two
epochs and print, at the end of each, the loss of the last batch, the training accuracy over the
epoch and the accuracy on the validation images. The JAX and TensorFlow blocks stop on the other
backends for the same reasons as before; the PyTorch block stops at `model.zero_grad()`.
"""

# %% tags=["only-jax", "tolerance-training"]
model = make_model()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)
train_acc = keras.metrics.SparseCategoricalAccuracy()
val_acc = keras.metrics.SparseCategoricalAccuracy()


def compute_loss_and_updates(trainable_variables, non_trainable_variables, metric_variables, x, y):
    logits, non_trainable_variables = model.stateless_call(
        trainable_variables, non_trainable_variables, x, training=True
    )
    loss = loss_fn(y, logits)
    metric_variables = train_acc.stateless_update_state(metric_variables, y, logits)
    return loss, (non_trainable_variables, metric_variables)


grad_fn = jax.value_and_grad(compute_loss_and_updates, has_aux=True)


@jax.jit
def train_step(state, x, y):
    trainable_variables, non_trainable_variables, optimizer_variables, metric_variables = state
    (loss, (non_trainable_variables, metric_variables)), grads = grad_fn(
        trainable_variables, non_trainable_variables, metric_variables, x, y
    )
    trainable_variables, optimizer_variables = optimizer.stateless_apply(
        optimizer_variables, grads, trainable_variables
    )
    return loss, (trainable_variables, non_trainable_variables, optimizer_variables, metric_variables)


@jax.jit
def eval_step(trainable_variables, non_trainable_variables, metric_variables, x, y):
    logits, _ = model.stateless_call(trainable_variables, non_trainable_variables, x, training=False)
    return val_acc.stateless_update_state(metric_variables, y, logits)


optimizer.build(model.trainable_variables)
trainable_values = values(model.trainable_variables)
non_trainable_values = values(model.non_trainable_variables)
optimizer_values = values(optimizer.variables)

for epoch in range(2):
    # The metric objects' own variables are never updated, so they still hold the initial values.
    state = (trainable_values, non_trainable_values, optimizer_values, values(train_acc.variables))
    for x, y in batches(x_train, y_train, seed=epoch):
        loss, state = train_step(state, x, y)
    trainable_values, non_trainable_values, optimizer_values, train_acc_values = state

    val_acc_values = values(val_acc.variables)
    for x, y in batches(x_val, y_val):
        val_acc_values = eval_step(trainable_values, non_trainable_values, val_acc_values, x, y)

    print(
        f"epoch {epoch}: loss {float(loss):.4f}, "
        f"training accuracy {float(train_acc.stateless_result(train_acc_values)):.4f}, "
        f"validation accuracy {float(val_acc.stateless_result(val_acc_values)):.4f}"
    )

# %% tags=["only-tensorflow", "tolerance-training"]
model = make_model()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)
train_acc = keras.metrics.SparseCategoricalAccuracy()
val_acc = keras.metrics.SparseCategoricalAccuracy()


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss = loss_fn(y, logits)
    grads = tape.gradient(loss, model.trainable_weights)
    optimizer.apply(grads, model.trainable_weights)
    train_acc.update_state(y, logits)
    return loss


@tf.function
def eval_step(x, y):
    logits = model(x, training=False)
    val_acc.update_state(y, logits)


for epoch in range(2):
    for x, y in batches(x_train, y_train, seed=epoch):
        loss = train_step(x, y)
    for x, y in batches(x_val, y_val):
        eval_step(x, y)

    print(
        f"epoch {epoch}: loss {float(loss):.4f}, "
        f"training accuracy {float(train_acc.result()):.4f}, "
        f"validation accuracy {float(val_acc.result()):.4f}"
    )
    train_acc.reset_state()
    val_acc.reset_state()

# %% tags=["only-torch", "tolerance-training"]
model = make_model()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)
train_acc = keras.metrics.SparseCategoricalAccuracy()
val_acc = keras.metrics.SparseCategoricalAccuracy()


def train_step(x, y):
    logits = model(x, training=True)
    loss = loss_fn(y, logits)
    model.zero_grad()
    loss.backward()
    grads = [variable.value.grad for variable in model.trainable_weights]
    with torch.no_grad():
        optimizer.apply(grads, model.trainable_weights)
    train_acc.update_state(y, logits)
    return loss


def eval_step(x, y):
    with torch.no_grad():
        logits = model(x, training=False)
    val_acc.update_state(y, logits)


for epoch in range(2):
    for x, y in batches(x_train, y_train, seed=epoch):
        loss = train_step(x, y)
    for x, y in batches(x_val, y_val):
        eval_step(x, y)

    print(
        f"epoch {epoch}: loss {loss.item():.4f}, "
        f"training accuracy {float(train_acc.result()):.4f}, "
        f"validation accuracy {float(val_acc.result()):.4f}"
    )
    train_acc.reset_state()
    val_acc.reset_state()

# %% [markdown]
"""
## Low-level handling of losses tracked by the model

A layer can add a loss of its own during the forward pass by calling `self.add_loss(value)`, for
example a regularization penalty on its activations. Models and layers collect these losses from
all the layers they contain, and after a call `model.losses` lists them (only those of the last
call: each call starts the list again). `fit()` adds them to the main loss for you; in your own
loop you add them yourself.

Here is a layer that penalizes large activations, written with `keras.ops` so that it runs on every
backend (Keras has a built-in layer for this too, `keras.layers.ActivityRegularization`, with L1
and L2 penalties), and a model that uses it:
"""

# %%
class ActivityPenalty(keras.layers.Layer):
    """Passes its inputs through unchanged and adds rate * mean(inputs**2) to the model's losses."""

    def __init__(self, rate=1e-2, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate

    def call(self, inputs):
        self.add_loss(self.rate * keras.ops.mean(keras.ops.square(inputs)))
        return inputs


def make_regularized_model():
    inputs = keras.Input(shape=(784,), name="digits")
    x = keras.layers.Dense(64, activation="relu")(inputs)
    x = ActivityPenalty()(x)
    x = keras.layers.Dense(64, activation="relu")(x)
    outputs = keras.layers.Dense(10, name="logits")(x)
    return keras.Model(inputs, outputs)


regularized = make_regularized_model()
regularized(x_train[:batch_size])
print("losses after one call:", len(regularized.losses))
regularized(x_train[:batch_size])
print("losses after a second call:", len(regularized.losses))

# %% [markdown]
"""
In the training step, the sum of these losses goes into the loss that is differentiated:

- **JAX**: `stateless_call(..., return_losses=True)` returns the losses as a third value, since a
  stateless call cannot leave them on the model;
- **TensorFlow**: add `sum(model.losses)` *inside* the `GradientTape` block, so that the tape
  records it;
- **PyTorch**: add `sum(model.losses)` before `loss.backward()`.

The loops below train a regularized model for one epoch and print, every 25 steps, the total loss
and the part of it that comes from the penalty. On the other backends each block stops where its
counterpart in the previous section did.
"""

# %% tags=["only-jax", "tolerance-training"]
model = make_regularized_model()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)


def compute_loss_and_updates(trainable_variables, non_trainable_variables, x, y):
    logits, non_trainable_variables, losses = model.stateless_call(
        trainable_variables, non_trainable_variables, x, training=True, return_losses=True
    )
    penalty = sum(losses)
    return loss_fn(y, logits) + penalty, (non_trainable_variables, penalty)


grad_fn = jax.value_and_grad(compute_loss_and_updates, has_aux=True)


@jax.jit
def train_step(state, x, y):
    trainable_variables, non_trainable_variables, optimizer_variables = state
    (loss, (non_trainable_variables, penalty)), grads = grad_fn(
        trainable_variables, non_trainable_variables, x, y
    )
    trainable_variables, optimizer_variables = optimizer.stateless_apply(
        optimizer_variables, grads, trainable_variables
    )
    return loss, penalty, (trainable_variables, non_trainable_variables, optimizer_variables)


optimizer.build(model.trainable_variables)
state = (
    values(model.trainable_variables),
    values(model.non_trainable_variables),
    values(optimizer.variables),
)
for step, (x, y) in enumerate(batches(x_train, y_train, seed=0)):
    loss, penalty, state = train_step(state, x, y)
    if step % 25 == 0:
        print(f"step {step}: loss {float(loss):.4f} (penalty {float(penalty):.4f})")

# %% tags=["only-tensorflow", "tolerance-training"]
model = make_regularized_model()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        penalty = sum(model.losses)
        loss = loss_fn(y, logits) + penalty
    grads = tape.gradient(loss, model.trainable_weights)
    optimizer.apply(grads, model.trainable_weights)
    return loss, penalty


for step, (x, y) in enumerate(batches(x_train, y_train, seed=0)):
    loss, penalty = train_step(x, y)
    if step % 25 == 0:
        print(f"step {step}: loss {float(loss):.4f} (penalty {float(penalty):.4f})")

# %% tags=["only-torch", "tolerance-training"]
model = make_regularized_model()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)

for step, (x, y) in enumerate(batches(x_train, y_train, seed=0)):
    logits = model(x, training=True)
    penalty = sum(model.losses)
    loss = loss_fn(y, logits) + penalty
    model.zero_grad()
    loss.backward()
    grads = [variable.value.grad for variable in model.trainable_weights]
    with torch.no_grad():
        optimizer.apply(grads, model.trainable_weights)
    if step % 25 == 0:
        print(f"step {step}: loss {loss.item():.4f} (penalty {penalty.item():.4f})")

# %% [markdown]
"""
## Summary

- A hand-written loop repeats one step: forward pass and loss, gradients, optimizer update. Keras
  provides the model, the losses, the optimizers and the metrics; the backend computes the
  gradients.
- **JAX**: write the loss as a stateless function of the variables' values with
  `model.stateless_call()`, differentiate it with `jax.value_and_grad()`, update with
  `optimizer.stateless_apply()`, carry everything in a state tuple, compile the step with
  `jax.jit`, and write the values back into the model with `assign()` when the loop ends.
- **TensorFlow**: run the forward pass inside `tf.GradientTape()`, get the gradients with
  `tape.gradient()`, update with `optimizer.apply()`, compile the step with `@tf.function`.
- **PyTorch**: `model.zero_grad()`, `loss.backward()`, then `optimizer.apply()` on
  `v.value.grad` inside `torch.no_grad()`; or PyTorch's own optimizers and losses.
- Metrics: `update_state()`, `result()` and `reset_state()` (in JAX, their stateless forms).
  Losses added by layers: `model.losses` (in JAX, `return_losses=True`).

## Where to go next

- The keras.io pages this one follows, in English:
  [JAX](https://keras.io/guides/writing_a_custom_training_loop_in_jax/),
  [TensorFlow](https://keras.io/guides/writing_a_custom_training_loop_in_tensorflow/) (which ends with
  a GAN trained by a hand-written loop),
  [PyTorch](https://keras.io/guides/writing_a_custom_training_loop_in_torch/).
- To keep `fit()` and only change the step: the "Customizing one training step" section of
  [Introduction to Keras for Engineers](intro_to_keras_for_engineers.md) on this site.
- [Introduction to Keras for Researchers](intro_to_keras_for_researchers.md) on this site writes
  more TensorFlow training loops: a variational autoencoder and a hypernetwork.
"""
