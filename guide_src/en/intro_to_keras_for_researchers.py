# ---
# jupyter:
#   jupytext:
#     cell_markers: '"""'
#     formats: py:percent
#     notebook_metadata_filter: guide
#   guide:
#     title: Introduction to Keras for Researchers
#     description: Everything you need to know to use Keras and TensorFlow for deep learning research.
#     author: François Chollet
#     date_created: '2020-04-01'
#     last_modified: '2026-12-05'
#     original: https://keras.io/getting_started/intro_to_keras_for_researchers/
#     original_edition: '2020-10-02'
#     translation_source: https://github.com/adsidelab/keras-ko
#     backend: tensorflow
# ---

# %% [markdown]
"""
## Setup
"""

# %%
import tensorflow as tf
import keras
from keras import ops

# Seed Python, NumPy, TensorFlow and Keras in one call,
# so that every number printed below comes out the same on every run.
keras.utils.set_random_seed(1337)

# %% [markdown]
"""
## Introduction

Do you work in machine learning research?
Do you publish at NeurIPS and push the state of the art in computer vision or natural language processing?
This guide is your first tour of the central ideas of the Keras and TensorFlow APIs.

Here is what this guide covers:

- Tensors, variables and gradients in TensorFlow.
- Building layers by subclassing the `Layer` class.
- Writing low-level training loops.
- Keeping track of losses created by layers through the `add_loss()` method.
- Tracking metrics inside a low-level training loop.
- Making execution faster by compiling with `tf.function`.
- Running layers in training mode or in inference mode.
- Working with the Keras Functional API.

We will then put the Keras API into practice with two end-to-end research examples:
a Variational Autoencoder and a Hypernetwork.

!!! note "What changed in Keras 3"
    This page is adapted for Keras 3 from the original guide, which was written in 2020 for TensorFlow 2
    and the Keras bundled with it (`tf.keras`). Installing TensorFlow today with `pip install tensorflow`
    also installs Keras 3, and several spots in the original code no longer work with it.
    The code on this page has actually been run on a recent TensorFlow release (see the execution record
    above), and each place that changed is explained where it happens, in boxes like this one.

    Keras code here is written with `import keras` rather than `tf.keras` (which remains only as a
    compatibility name), and the layers compute with `keras.ops`, which work on every Keras backend.
    TensorFlow itself is used where it is the subject: tensors and variables, `GradientTape`,
    `tf.function` and `tf.data`. That is why the page runs on Keras' TensorFlow backend only.

## Tensors

TensorFlow is an infrastructure layer for differentiable programming.
At its core, it is a framework for manipulating N-dimensional arrays (tensors), much like NumPy.

There are three key differences between NumPy and TensorFlow, though:

- TensorFlow can run on hardware accelerators such as GPUs and TPUs.
- TensorFlow can automatically compute the gradient of any differentiable expression built from tensors.
- TensorFlow can spread a computation over many devices in one machine, and over many machines
  (each of which may hold several devices).

Let's look at the object at the heart of TensorFlow: the tensor.

Here is a constant tensor:
"""

# %%
x = tf.constant([[5, 2], [1, 3]])
print(x)

# %% [markdown]
"""
Its value can be taken out as a NumPy array with `.numpy()`:
"""

# %%
x.numpy()

# %% [markdown]
"""
Just like a NumPy array, it has the attributes `dtype` and `shape`:
"""

# %%
print("dtype:", x.dtype)
print("shape:", x.shape)

# %% [markdown]
"""
A common way to create constant tensors is `tf.ones` and `tf.zeros` (just like `np.ones` and `np.zeros`):
"""

# %%
print(tf.ones(shape=(2, 1)))
print(tf.zeros(shape=(2, 1)))

# %% [markdown]
"""
You can also create constant tensors filled with random values.
Because of the seed set in the setup cell, these values are the same on every run:
"""

# %%
x = tf.random.normal(shape=(2, 2), mean=0.0, stddev=1.0)
print(x)

x = tf.random.uniform(shape=(2, 2), minval=0, maxval=10, dtype="int32")
print(x)

# %% [markdown]
"""
## Variables

A variable is a special tensor that holds mutable state (for example the weights of a neural network).
You create a `Variable` from an initial value:
"""

# %%
initial_value = tf.random.normal(shape=(2, 2))
a = tf.Variable(initial_value)
print(a)

# %% [markdown]
"""
You change the value of a `Variable` with its methods `.assign(value)`, `.assign_add(increment)`
and `.assign_sub(decrement)`:
"""

# %%
new_value = tf.random.normal(shape=(2, 2))
a.assign(new_value)
for i in range(2):
    for j in range(2):
        assert a[i, j] == new_value[i, j]

added_value = tf.random.normal(shape=(2, 2))
a.assign_add(added_value)
for i in range(2):
    for j in range(2):
        assert a[i, j] == new_value[i, j] + added_value[i, j]

# %% [markdown]
"""
## Doing math in TensorFlow

If you have used NumPy, math in TensorFlow will look very familiar.
The main difference is that your TensorFlow code can run on a GPU or a TPU.
"""

# %%
a = tf.random.normal(shape=(2, 2))
b = tf.random.normal(shape=(2, 2))

c = a + b
d = tf.square(c)
e = tf.exp(d)

# %% [markdown]
"""
## Gradients

Here is another big difference from NumPy: you can automatically get the gradient of any differentiable expression.

Open a `GradientTape`, start "watching" a tensor with `tape.watch()`,
and build a differentiable expression that takes this tensor as its input:
"""

# %%
a = tf.random.normal(shape=(2, 2))
b = tf.random.normal(shape=(2, 2))

with tf.GradientTape() as tape:
    tape.watch(a)  # Start recording the operations applied to `a`.
    c = tf.sqrt(tf.square(a) + tf.square(b))  # Do some math with `a`.

# What is the gradient of `c` with respect to `a`?
dc_da = tape.gradient(c, a)
print(dc_da)

# %% [markdown]
"""
Trainable variables are watched automatically, so you do not need to call `watch` for them:
"""

# %%
a = tf.Variable(a)

with tf.GradientTape() as tape:
    c = tf.sqrt(tf.square(a) + tf.square(b))

dc_da = tape.gradient(c, a)
print(dc_da)

# %% [markdown]
"""
By nesting tapes, you can compute higher-order derivatives.
The inner tape's gradient is computed inside the outer tape, so that the outer tape records it:
"""

# %%
with tf.GradientTape() as outer_tape:
    with tf.GradientTape() as tape:
        c = tf.sqrt(tf.square(a) + tf.square(b))
    dc_da = tape.gradient(c, a)

d2c_da2 = outer_tape.gradient(dc_da, a)
print(d2c_da2)

# %% [markdown]
"""
## Keras layers

While TensorFlow is an **infrastructure layer for differentiable programming** that deals with tensors,
variables and gradients, Keras is a **user interface for deep learning** that deals with layers, models,
optimizers, loss functions, metrics and more.

Keras is the high-level API that makes TensorFlow simple and productive.
(Keras 3 can also run on JAX or PyTorch instead of TensorFlow; this page uses TensorFlow.)

`Layer` is the fundamental abstraction in Keras.
A `Layer` holds some state (its weights) along with some computation (defined in the `call` method).

Here is what a simple layer looks like:
"""


# %%
class Linear(keras.layers.Layer):
    """y = w.x + b"""

    def __init__(self, units=32, input_dim=32, **kwargs):
        super().__init__(**kwargs)
        self.w = keras.Variable(
            initializer=keras.initializers.RandomNormal(),
            shape=(input_dim, units),
            dtype="float32",
            trainable=True,
        )
        self.b = keras.Variable(
            initializer=keras.initializers.Zeros(),
            shape=(units,),
            dtype="float32",
            trainable=True,
        )

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b


# %% [markdown]
"""
!!! note "What changed in Keras 3"
    The original code created the weights with `tf.Variable`. A Keras 3 layer only tracks variables
    created through `keras.Variable` (or `add_weight()`), so if you keep using `tf.Variable`, the weights
    do not show up in the `weights` attribute and are not trained either. That is why they are created
    with `keras.Variable` here, from the initializers in `keras.initializers` (`RandomNormal` draws from
    the same distribution, mean 0 and standard deviation 0.05, as the original `tf.random_normal_initializer`).
    The computation uses `ops.matmul` from `keras.ops`, the backend-independent counterpart of `tf.matmul`.

An instance of a `Layer` can be used just like a Python function:
"""

# %%
# Create an instance of the layer.
linear_layer = Linear(units=4, input_dim=2)

# It can be used like a function.
# Calling it passes the data on to the `call` method.
y = linear_layer(tf.ones((2, 2)))
assert y.shape == (2, 4)

# %% [markdown]
"""
The weight variables (created in the `__init__` method) are automatically tracked in the `weights` attribute:
"""

# %%
assert linear_layer.weights == [linear_layer.w, linear_layer.b]

# %% [markdown]
"""
Plenty of layers come built in.
There is the `Dense` layer, the `Conv2D` layer and the `LSTM` layer,
as well as fancier ones such as `Conv3DTranspose` and `ConvLSTM2D`.
Whenever possible, it is a good idea to reuse the built-in functionality.

## Layer weight creation

The `self.add_weight()` method gives you a shortcut for creating weights:
"""


# %%
class Linear(keras.layers.Layer):
    """y = w.x + b"""

    def __init__(self, units=32, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(
            shape=(input_shape[-1], self.units),
            initializer="random_normal",
            trainable=True,
        )
        self.b = self.add_weight(
            shape=(self.units,), initializer="random_normal", trainable=True
        )

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b


# Create an instance of the lazy layer.
linear_layer = Linear(4)

# On the first call, `build(input_shape)` runs and creates the weights.
y = linear_layer(tf.ones((2, 2)))

# %% [markdown]
"""
## Layer gradients

When you call a layer inside a `GradientTape`, you can automatically get the gradients of the layer's weights.
You can then use those gradients to update the layer's weights, either by hand or with an optimizer object.
And of course, you are free to modify the gradients before using them if you need to.
"""

# %% tags=["tolerance-training"]
# Prepare the dataset.
(x_train, y_train), _ = keras.datasets.mnist.load_data()
dataset = tf.data.Dataset.from_tensor_slices(
    (x_train.reshape(60000, 784).astype("float32") / 255, y_train)
)
dataset = dataset.shuffle(buffer_size=1024).batch(64)

# Create an instance of the linear layer (defined above) with 10 units.
linear_layer = Linear(10)

# Create a logistic loss function object that expects integer targets.
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)

# Create an optimizer object.
optimizer = keras.optimizers.SGD(learning_rate=1e-3)

# Loop over the batches of the dataset.
for step, (x, y) in enumerate(dataset):

    # Open a GradientTape.
    with tf.GradientTape() as tape:

        # Run the forward pass.
        logits = linear_layer(x)

        # Compute the loss for this batch.
        loss = loss_fn(y, logits)

    # Get the gradients of the loss with respect to the weights.
    gradients = tape.gradient(loss, linear_layer.trainable_weights)

    # Update the weights of the linear layer.
    optimizer.apply_gradients(zip(gradients, linear_layer.trainable_weights))

    # Logging
    if step % 100 == 0:
        print("Step:", step, "Loss:", float(loss))

# %% [markdown]
"""
## Trainable and non-trainable weights

A layer can create both trainable and non-trainable weights.
You can access them through the `trainable_weights` and `non_trainable_weights` attributes respectively.
Here is a layer that has a non-trainable weight:
"""


# %%
class ComputeSum(keras.layers.Layer):
    """Returns the running sum of all inputs seen so far."""

    def __init__(self, input_dim, **kwargs):
        super().__init__(**kwargs)
        # Create a non-trainable weight.
        self.total = keras.Variable(
            initializer=keras.initializers.Zeros(), shape=(input_dim,), trainable=False
        )

    def call(self, inputs):
        self.total.assign_add(ops.sum(inputs, axis=0))
        return self.total


my_sum = ComputeSum(2)
x = tf.ones((2, 2))

y = my_sum(x)
print(y.numpy())  # [2. 2.]

y = my_sum(x)
print(y.numpy())  # [4. 4.]

assert my_sum.weights == [my_sum.total]
assert my_sum.non_trainable_weights == [my_sum.total]
assert my_sum.trainable_weights == []

# %% [markdown]
"""
!!! note "What changed in Keras 3"
    For the same reason as with the `Linear` layer earlier, `keras.Variable` is used instead of `tf.Variable`.
    With a `tf.Variable`, Keras 3 would not see the variable at all: `my_sum.weights` would be an empty list,
    so the first `assert` would fail and stop the cell there. (The last one, `trainable_weights == []`,
    would still hold, since an empty list is what it expects.)

## Layers that own layers

Layers can be nested recursively to form larger computational blocks.
Each layer keeps track of the weights of its sublayers (both trainable and non-trainable).
"""

# %%
# Let's reuse the Linear class
# with the `build` method that we defined above.


class MLP(keras.layers.Layer):
    """A simple stack of Linear layers."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.linear_1 = Linear(32)
        self.linear_2 = Linear(32)
        self.linear_3 = Linear(10)

    def call(self, inputs):
        x = self.linear_1(inputs)
        x = ops.relu(x)
        x = self.linear_2(x)
        x = ops.relu(x)
        return self.linear_3(x)


mlp = MLP()

# The first call to the `mlp` object creates the weights.
y = mlp(tf.ones(shape=(3, 64)))

# Weights are tracked recursively.
assert len(mlp.weights) == 6

# %% [markdown]
"""
The MLP class we wrote by hand above is equivalent to the following one assembled from built-in classes:
"""

# %%
mlp = keras.Sequential(
    [
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10),
    ]
)

# %% [markdown]
"""
## Tracking losses created by layers

During the forward pass, a layer can create losses through the `add_loss()` method.
This comes in especially handy for regularization losses.
Losses created by sublayers are tracked recursively by their parent layers.

Here is a layer that creates an activity regularization loss:
"""


# %%
class ActivityRegularization(keras.layers.Layer):
    """A layer that creates an activity sparsity regularization loss."""

    def __init__(self, rate=1e-4, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate

    def call(self, inputs):
        # Use `add_loss` to create a regularization loss based on the inputs.
        self.add_loss(self.rate * ops.sum(inputs))
        return inputs


# %% [markdown]
"""
Any model that contains this layer will keep track of its regularization loss:
"""

# %%
# Let's use this loss layer inside an MLP block.


class SparseMLP(keras.layers.Layer):
    """A stack of Linear layers with a sparsity regularization loss."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.linear_1 = Linear(32)
        self.regularization = ActivityRegularization(1e-4)
        self.linear_3 = Linear(10)

    def call(self, inputs):
        x = self.linear_1(inputs)
        x = ops.relu(x)
        x = self.regularization(x)
        return self.linear_3(x)


mlp = SparseMLP()
y = mlp(tf.ones((10, 10)))

print(mlp.losses)  # A list holding a single float32 scalar

# %% [markdown]
"""
These losses are cleared by the top-level layer at the start of every forward pass, so they do not accumulate.
`layer.losses` always holds only the losses created during the most recent forward pass.
When writing a training loop, you would typically add these losses up before computing the gradients.

What does this regularization do? The layer adds `rate` times the sum of its inputs to the loss.
Here its inputs are the outputs of a ReLU, which are never negative, so the only way to lower the
penalty is to push hidden activations toward zero: for each image, fewer hidden units are active (the
activations become *sparse*). `rate` sets how hard it pushes against the classification loss.
After training, the cell below prints the test accuracy and the share of hidden activations that
are exactly zero.
"""

# %% tags=["tolerance-training"]
# Only the losses from the *last* forward pass are kept.
mlp = SparseMLP()
mlp(tf.ones((10, 10)))
assert len(mlp.losses) == 1
mlp(tf.ones((10, 10)))
assert len(mlp.losses) == 1  # They do not accumulate.

# Let's see how these losses are used in a training loop.

# Prepare the dataset.
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
dataset = tf.data.Dataset.from_tensor_slices(
    (x_train.reshape(60000, 784).astype("float32") / 255, y_train)
)
dataset = dataset.shuffle(buffer_size=1024).batch(64)

# A fresh MLP
mlp = SparseMLP()

# Loss and optimizer
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = keras.optimizers.Adam(learning_rate=1e-3)

for step, (x, y) in enumerate(dataset):
    with tf.GradientTape() as tape:

        # Forward pass
        logits = mlp(x)

        # External loss value for this batch
        loss = loss_fn(y, logits)

        # Add the losses created during the forward pass.
        loss += sum(mlp.losses)

    # Get the gradients of the loss with respect to the weights.
    gradients = tape.gradient(loss, mlp.trainable_weights)

    # Update the weights of the model.
    optimizer.apply_gradients(zip(gradients, mlp.trainable_weights))

    # Logging
    if step % 100 == 0:
        print("Step:", step, "Loss:", float(loss))

# Did it learn, and how sparse are the hidden activations?
x_test = x_test.reshape(10000, 784).astype("float32") / 255
predictions = ops.argmax(mlp(x_test), axis=-1)
print("Test accuracy:", round(float(ops.mean(predictions == y_test)), 4))
hidden = ops.relu(mlp.linear_1(x_test))
print("Share of hidden activations that are zero:", round(float(ops.mean(hidden == 0)), 4))

# %% [markdown]
"""
!!! note "Changed from the original"
    The original used a factor of `1e-2` and SGD with a learning rate of `1e-3`. With that factor the
    penalty outweighs the classification loss: nearly every hidden activation goes to zero, the
    model stops learning, its loss stays near ln 10 ≈ 2.30 (the loss of a uniform guess among ten
    classes), and it classifies about 10% of the test images correctly, no better than chance. SGD
    at that learning rate is also too slow to learn much in one epoch, even without the penalty.
    Here the factor is `1e-4` and the optimizer is Adam. The model learns, and most hidden activations
    are zero; in a run of the same code without the penalty, about 15% of them were.

## Keeping track of training metrics

Keras ships with a wide range of built-in metrics,
such as `keras.metrics.AUC` or `keras.metrics.PrecisionAtRecall`.
Writing your own custom metric is also easy and only takes a few lines of code.

To use a metric inside a custom training loop, you would:

- Create a metric object, for instance `metric = keras.metrics.AUC()`
- Call its `metric.update_state(targets, predictions)` method for every batch of data.
- Read the result with `metric.result()`.
- Clear the metric's state with `metric.reset_state()` at the end of an epoch or when an evaluation starts.

Here is a simple example:
"""

# %% tags=["tolerance-training"]
# Create a metric object.
accuracy = keras.metrics.SparseCategoricalAccuracy()

# Prepare the layers, the loss, and the optimizer.
model = keras.Sequential(
    [
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10),
    ]
)
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = keras.optimizers.Adam(learning_rate=1e-3)

for epoch in range(2):
    # Loop over the batches of the dataset.
    for step, (x, y) in enumerate(dataset):
        with tf.GradientTape() as tape:
            logits = model(x)
            # Compute the loss for this batch.
            loss_value = loss_fn(y, logits)

        # Update the state of the `accuracy` metric.
        accuracy.update_state(y, logits)

        # Update the model's weights to minimize the loss value.
        gradients = tape.gradient(loss_value, model.trainable_weights)
        optimizer.apply_gradients(zip(gradients, model.trainable_weights))

        # Print the current accuracy value.
        if step % 200 == 0:
            print("Epoch:", epoch, "Step:", step)
            print("Total running accuracy so far: %.3f" % accuracy.result())

    # Reset the metric's state at the end of the epoch.
    accuracy.reset_state()

# %% [markdown]
"""
!!! note "What changed in Keras 3"
    The method that clears a metric's state was renamed from `reset_states()` to `reset_state()`.
    The old name no longer exists in Keras 3, so calling it raises an `AttributeError`.

At this point, the original guide showed how to track the mean of a value from inside a layer with
`self.add_metric()`, and how to clear such metrics with `layer.reset_metrics()`.
In Keras 3, `add_metric()` can no longer be used (calling it raises `NotImplementedError`).
Give a model its metrics with `Model.compile(metrics=[...])`. To track a value from inside a layer,
create a metric object such as `keras.metrics.Mean` as an attribute of the layer in `__init__()` or
`build()`, then call that object's `update_state()` from `call()`. Read the value with `result()` and clear it with `reset_state()`.
This mirrors how the `accuracy` object was handled in the training loop above.

## Compiled functions

Eager execution is great for debugging, but compiling your computation into a static graph gives you better performance.
Static graphs are a researcher's best friends.
Any function can be compiled by wrapping it with the `tf.function` decorator.
"""

# %% tags=["tolerance-training"]
# Prepare the layers, the loss, and the optimizer.
model = keras.Sequential(
    [
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10),
    ]
)
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = keras.optimizers.Adam(learning_rate=1e-3)

# Create a training step function.


@tf.function  # Makes it faster.
def train_on_batch(x, y):
    with tf.GradientTape() as tape:
        logits = model(x)
        loss = loss_fn(y, logits)
    gradients = tape.gradient(loss, model.trainable_weights)
    optimizer.apply_gradients(zip(gradients, model.trainable_weights))
    return loss


# Prepare the dataset.
(x_train, y_train), _ = keras.datasets.mnist.load_data()
dataset = tf.data.Dataset.from_tensor_slices(
    (x_train.reshape(60000, 784).astype("float32") / 255, y_train)
)
dataset = dataset.shuffle(buffer_size=1024).batch(64)

for step, (x, y) in enumerate(dataset):
    loss = train_on_batch(x, y)
    if step % 100 == 0:
        print("Step:", step, "Loss:", float(loss))

# %% [markdown]
"""
## Training mode and inference mode

Some layers, in particular the `BatchNormalization` layer and the `Dropout` layer, behave differently
during training and during inference.
For such layers, it is standard practice to give the `call` method a `training` (boolean) argument.

With this argument in `call`, the built-in training and evaluation loops (for example `fit`)
can run the layer in the correct mode during training and during inference.
"""


# %%
class Dropout(keras.layers.Layer):
    def __init__(self, rate, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate
        # The layer's own stream of random seeds: each call draws a new dropout mask.
        self.seed_generator = keras.random.SeedGenerator()

    def call(self, inputs, training=None):
        if training:
            return keras.random.dropout(inputs, rate=self.rate, seed=self.seed_generator)
        return inputs


class MLPWithDropout(keras.layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.linear_1 = Linear(32)
        self.dropout = Dropout(0.5)
        self.linear_3 = Linear(10)

    def call(self, inputs, training=None):
        x = self.linear_1(inputs)
        x = ops.relu(x)
        x = self.dropout(x, training=training)
        return self.linear_3(x)


mlp = MLPWithDropout()
y_train = mlp(tf.ones((2, 2)), training=True)
y_test = mlp(tf.ones((2, 2)), training=False)

# %% [markdown]
"""
!!! note "What changed in Keras 3"
    The original called `tf.nn.dropout`. Here the layer draws its mask with `keras.random.dropout`,
    which works on every backend, and passes it a `keras.random.SeedGenerator` that the layer owns.
    The generator hands out a new seed at every call, so each call draws a different mask. Where its
    sequence starts is set by the seed given to `keras.utils.set_random_seed`, so running the page
    again from the top draws the same masks in the same order.

## The Functional API for model-building

You do not always have to use object-oriented programming to build deep learning models.
Every layer introduced so far can also be composed in a functional style, as shown
below (this is called the "Functional API"):
"""

# %%
# Use an `Input` object to describe the shape and dtype of the inputs.
# In deep learning terms, this amounts to declaring a *type*.
# The shape argument is per sample, so it leaves out the batch size.
# The Functional API is about defining transformations of individual samples.
# The resulting model automatically applies those per-sample transformations
# in batches, so it can be called on batches of data.
inputs = keras.Input(shape=(16,), dtype="float32")

# Calling a layer on one of these "type" objects
# returns an updated type (with a new shape and dtype).
x = Linear(32)(inputs)  # Reuse the Linear layer defined earlier.
x = Dropout(0.5)(x)  # Reuse the Dropout layer defined earlier.
outputs = Linear(10)(x)

# Define a functional `Model` by specifying its inputs and outputs.
# A model is itself a layer, just like any other.
model = keras.Model(inputs, outputs)

# A functional model already has weights before it is called on any data,
# because its input shape was given up front (in `Input`).
assert len(model.weights) == 4

# Let's try calling the model on some sample data.
y = model(tf.ones((2, 16)))
assert y.shape == (2, 10)

# The `training` argument of the `__call__` method is available
# (it gets passed down to the `Dropout` layer).
y = model(tf.ones((2, 16)), training=True)

# %% [markdown]
"""
The Functional API tends to be more concise than subclassing and comes with a few other benefits (broadly
the same benefits that typed functional languages have over untyped object-oriented development).
However, it can only express models that form a directed acyclic graph (DAG) of layers.
Recursive networks have to be defined as `Layer` subclasses instead.

For more details on the Functional API, see the [Keras Functional API guide](https://keras.io/guides/functional_api/).

In your research workflow, you will often find yourself mixing object-oriented and functional models.

The `Model` class also comes with built-in training and evaluation loops (`fit()`, `predict()` and `evaluate()`).
Through them you get the features of Keras' built-in training infrastructure:

- [Callbacks](https://keras.io/api/callbacks/): built-in callbacks cover common needs such as early stopping,
  model checkpointing and TensorBoard. You can also
  [write your own callback](https://keras.io/guides/writing_your_own_callbacks/) when you need one.
- [Distributed training](https://keras.io/guides/distributed_training_with_tensorflow/): you can scale
  training up to several GPUs, or even several machines, with `tf.distribute` strategies.
- [Step fusing](https://keras.io/api/models/model_training_apis/#compile-method): the
  `steps_per_execution` argument of `Model.compile()` runs several batches in a single `tf.function` call,
  which speeds training up a lot on TPUs.

We will not go into the details; here is just a short example that trains on the MNIST data above
with the built-in training infrastructure. The code gets much shorter:
"""

# %%
inputs = keras.Input(shape=(784,), dtype="float32")
x = keras.layers.Dense(32, activation="relu")(inputs)
x = keras.layers.Dense(32, activation="relu")(x)
outputs = keras.layers.Dense(10)(x)
model = keras.Model(inputs, outputs)

# Give the loss, the optimizer and the metrics to `compile()`.
model.compile(
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    optimizer=keras.optimizers.Adam(learning_rate=1e-3),
    metrics=[keras.metrics.SparseCategoricalAccuracy()],
)

# Train the model on the dataset for 2 epochs.
# `dataset` is already shuffled by tf.data; `shuffle=False` tells `fit()` not to try shuffling it again.
history = model.fit(dataset, epochs=2, shuffle=False)
predictions = model.predict(dataset)
loss, accuracy = model.evaluate(dataset)

# %% [markdown]
"""
!!! note "What changed in Keras 3"
    `fit()` shuffles its data by default (`shuffle=True`), which only works for arrays. With a
    `tf.data.Dataset`, Keras 3 prints a `UserWarning` saying the argument is ignored and that the
    dataset is expected to be shuffled already. Ours is (`dataset.shuffle(buffer_size=1024)`), so the
    calls to `fit()` on this page pass `shuffle=False`, which changes nothing but the warning.
    The results of `fit()` and `evaluate()` are assigned to names, so that no object is printed after
    the progress bars.

If you want the built-in training loops for object-oriented models, you can always subclass the `Model`
class (it works just like subclassing `Layer`).
You can then customize what happens in the training loop and still use the built-in infrastructure
above (callbacks, distributed training, step fusing).
Override `train_step()` to customize what happens in `fit()`: it is called with every batch of training data.
`fit()` compiles the training step with `tf.function` by default, which makes it fast.
In the same way, override `test_step()` to customize `evaluate()`, and `predict_step()` to customize `predict()`.
For more, see the guide [Customizing what happens in `fit()` with TensorFlow](https://keras.io/guides/custom_train_step_in_tensorflow/).
"""


# %%
class CustomModel(keras.Model):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.loss_tracker = keras.metrics.Mean(name="loss")
        self.accuracy = keras.metrics.SparseCategoricalAccuracy(name="accuracy")
        self.loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)

    def train_step(self, data):
        # Unpack the data. Its structure depends on the model
        # and on what is passed to `fit()`.
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)  # Forward pass
            loss = self.loss_fn(y, y_pred)
        gradients = tape.gradient(loss, self.trainable_weights)
        self.optimizer.apply_gradients(zip(gradients, self.trainable_weights))
        # Update the metrics (including the one that tracks the loss).
        self.loss_tracker.update_state(loss)
        self.accuracy.update_state(y, y_pred)
        # Return a dict that maps metric names to their current values.
        return {"loss": self.loss_tracker.result(), "accuracy": self.accuracy.result()}

    @property
    def metrics(self):
        # The metrics listed here are reset automatically
        # at the start of every epoch.
        return [self.loss_tracker, self.accuracy]


inputs = keras.Input(shape=(784,), dtype="float32")
x = keras.layers.Dense(32, activation="relu")(inputs)
x = keras.layers.Dense(32, activation="relu")(x)
outputs = keras.layers.Dense(10)(x)
model = CustomModel(inputs, outputs)
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3))
history = model.fit(dataset, epochs=2, shuffle=False)

# %% [markdown]
"""
!!! note "What changed in Keras 3"
    The original created the optimizer in `__init__()` (`self.optimizer = ...`) and then called `compile()`
    with no arguments. In Keras 3, `compile()` without an `optimizer` sets its default optimizer (RMSprop)
    and silently replaces the one created in `__init__()`. So the optimizer is passed to `compile()` here,
    and `train_step()` uses it through `self.optimizer`.
"""

# %% [markdown]
"""
## End-to-end experiment example 1: variational autoencoders

Here is a recap of what we have learned so far:

- A `Layer` encapsulates state (created in `__init__` or `build`) together with computation (defined in `call`).
- Layers can be nested recursively to build new, larger computational blocks.
- You can write highly customizable training loops by opening a `GradientTape`, calling the model inside
  the tape's scope, then getting the gradients and applying them with an optimizer.
- Training loops can be sped up with the `@tf.function` decorator.
- Layers can create and keep track of losses (usually regularization losses) with `self.add_loss()`.

Let's combine all of these into an end-to-end example:
we will build a Variational AutoEncoder (VAE) and train it on MNIST digits.

The VAE will be a subclass of `Layer`, built as a nested composition of layers that subclass `Layer`.
It will use a regularization loss (the KL divergence).

Here is the model definition.

First, an `Encoder` class uses a `Sampling` layer to map an MNIST digit
to a triplet of values in the latent space, `(z_mean, z_log_var, z)`.
"""

# %%
from keras import layers


class Sampling(layers.Layer):
    """Uses (z_mean, z_log_var) to sample z, the vector encoding a digit."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seed_generator = keras.random.SeedGenerator()

    def call(self, inputs):
        z_mean, z_log_var = inputs
        batch = ops.shape(z_mean)[0]
        dim = ops.shape(z_mean)[1]
        epsilon = keras.random.normal(shape=(batch, dim), seed=self.seed_generator)
        return z_mean + ops.exp(0.5 * z_log_var) * epsilon


class Encoder(layers.Layer):
    """Maps MNIST digits to the triplet (z_mean, z_log_var, z)."""

    def __init__(self, latent_dim=32, intermediate_dim=64, **kwargs):
        super().__init__(**kwargs)
        self.dense_proj = layers.Dense(intermediate_dim, activation="relu")
        self.dense_mean = layers.Dense(latent_dim)
        self.dense_log_var = layers.Dense(latent_dim)
        self.sampling = Sampling()

    def call(self, inputs):
        x = self.dense_proj(inputs)
        z_mean = self.dense_mean(x)
        z_log_var = self.dense_log_var(x)
        z = self.sampling((z_mean, z_log_var))
        return z_mean, z_log_var, z


# %% [markdown]
"""
!!! note "What changed in Keras 3"
    The original drew `epsilon` with `tf.keras.backend.random_normal`, a function of the Keras 2 backend module.
    `import keras` (Keras 3) has no such function; only the `tf.keras` compatibility name still carries it.
    Keras 3 draws random numbers with `keras.random`: `Sampling` keeps its own `SeedGenerator`, as the
    `Dropout` layer above does: each call draws different noise, and running the page again from the
    top draws the same noise in the same order.

Next, a `Decoder` class maps coordinates in the probabilistic latent space back to an MNIST digit.
"""


# %%
class Decoder(layers.Layer):
    """Turns z, the encoded digit vector, back into a digit image."""

    def __init__(self, original_dim, intermediate_dim=64, **kwargs):
        super().__init__(**kwargs)
        self.dense_proj = layers.Dense(intermediate_dim, activation="relu")
        self.dense_output = layers.Dense(original_dim, activation="sigmoid")

    def call(self, inputs):
        x = self.dense_proj(inputs)
        return self.dense_output(x)


# %% [markdown]
"""
Finally, the `VariationalAutoEncoder` chains the encoder and the decoder together
and creates the KL divergence regularization loss with `add_loss()`.
"""


# %%
class VariationalAutoEncoder(layers.Layer):
    """Chains the encoder and the decoder into an end-to-end model for training."""

    def __init__(self, original_dim, intermediate_dim=64, latent_dim=32, **kwargs):
        super().__init__(**kwargs)
        self.original_dim = original_dim
        self.encoder = Encoder(latent_dim=latent_dim, intermediate_dim=intermediate_dim)
        self.decoder = Decoder(original_dim, intermediate_dim=intermediate_dim)

    def call(self, inputs):
        z_mean, z_log_var, z = self.encoder(inputs)
        reconstructed = self.decoder(z)
        # Add the KL divergence regularization loss.
        kl_loss = -0.5 * ops.mean(
            z_log_var - ops.square(z_mean) - ops.exp(z_log_var) + 1
        )
        self.add_loss(kl_loss)
        return reconstructed


# %% [markdown]
"""
Now let's write a training loop.
The training step is decorated with `@tf.function`, so that it gets compiled into a fast graph function.
"""

# %% tags=["tolerance-training"]
# The model
vae = VariationalAutoEncoder(original_dim=784, intermediate_dim=64, latent_dim=32)

# Loss and optimizer
loss_fn = keras.losses.MeanSquaredError()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)

# Prepare the dataset.
(x_train, _), _ = keras.datasets.mnist.load_data()
dataset = tf.data.Dataset.from_tensor_slices(
    x_train.reshape(60000, 784).astype("float32") / 255
)
dataset = dataset.shuffle(buffer_size=1024).batch(32)


@tf.function
def training_step(x):
    with tf.GradientTape() as tape:
        reconstructed = vae(x)  # Reconstruct the inputs.
        # Compute the loss.
        loss = loss_fn(x, reconstructed)
        loss += sum(vae.losses)  # Add the KL divergence term.
    # Update the weights of the VAE.
    grads = tape.gradient(loss, vae.trainable_weights)
    optimizer.apply_gradients(zip(grads, vae.trainable_weights))
    return loss


losses = []  # Keep track of the losses over time.
for step, x in enumerate(dataset):
    loss = training_step(x)
    # Logging
    losses.append(float(loss))
    if step % 100 == 0:
        print("Step:", step, "Loss:", sum(losses) / len(losses))

    # Stop after 1,000 steps.
    # Training the model until it converges is left as an exercise for the reader.
    if step >= 1000:
        break

# %% [markdown]
"""
As you can see, building and training this kind of model in Keras is quick and painless.

You might find the code above somewhat verbose: we handle every little detail ourselves, by hand.
That gives the most flexibility, but it is also a bit of work.

Let's look at what the Functional API version of our VAE looks like:
"""

# %%
original_dim = 784
intermediate_dim = 64
latent_dim = 32

# Define the encoder model.
original_inputs = keras.Input(shape=(original_dim,), name="encoder_input")
x = layers.Dense(intermediate_dim, activation="relu")(original_inputs)
z_mean = layers.Dense(latent_dim, name="z_mean")(x)
z_log_var = layers.Dense(latent_dim, name="z_log_var")(x)
z = Sampling()((z_mean, z_log_var))
encoder = keras.Model(inputs=original_inputs, outputs=z, name="encoder")

# Define the decoder model.
latent_inputs = keras.Input(shape=(latent_dim,), name="z_sampling")
x = layers.Dense(intermediate_dim, activation="relu")(latent_inputs)
outputs = layers.Dense(original_dim, activation="sigmoid")(x)
decoder = keras.Model(inputs=latent_inputs, outputs=outputs, name="decoder")


# A layer that adds the KL divergence regularization loss and passes the reconstruction through unchanged.
class KLDivergenceLoss(layers.Layer):
    def call(self, inputs):
        z_mean, z_log_var, reconstructed = inputs
        kl_loss = -0.5 * ops.mean(
            z_log_var - ops.square(z_mean) - ops.exp(z_log_var) + 1
        )
        self.add_loss(kl_loss)
        return reconstructed


# Define the VAE model.
outputs = decoder(z)
outputs = KLDivergenceLoss()((z_mean, z_log_var, outputs))
vae = keras.Model(inputs=original_inputs, outputs=outputs, name="vae")

# %% [markdown]
"""
!!! note "What changed in Keras 3"
    The original added the KL divergence loss after building the model, with `vae.add_loss(kl_loss)`.
    A Keras 3 functional model does not allow that (it raises `NotImplementedError`), and TensorFlow
    operations such as `tf.square` cannot be applied to the symbolic tensors of a functional model either.
    So a small layer, `KLDivergenceLoss`, computes the KL divergence, adds it with `self.add_loss()`, and
    sits on the model's output path. `fit()` automatically adds the loss created by this layer to the model's loss.

Much more concise, isn't it?

Here too, the `Model` class comes with built-in training and evaluation loops (`fit()` and `evaluate()`).
Let's see it in action:
"""

# %%
# Loss and optimizer
loss_fn = keras.losses.MeanSquaredError()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)

# Prepare the dataset.
(x_train, _), _ = keras.datasets.mnist.load_data()
dataset = tf.data.Dataset.from_tensor_slices(
    x_train.reshape(60000, 784).astype("float32") / 255
)
dataset = dataset.map(lambda x: (x, x))  # Use x_train as both the inputs and the targets.
dataset = dataset.shuffle(buffer_size=1024).batch(32)

# Configure the model for training.
vae.compile(optimizer, loss=loss_fn)

# Train the model.
history = vae.fit(dataset, epochs=1, shuffle=False)

# %% [markdown]
"""
With the Functional API and `fit`, the code that defines and trains the model gets much shorter.
The Keras philosophy is to offer productivity features like these,
while still letting you write everything yourself and keep full control over every little detail,
as we did in the low-level training loop a little earlier.

## End-to-end experiment example 2: hypernetworks

Let's look at another kind of research experiment: hypernetworks.

A hypernetwork is a network whose output is the weights of another network, the main network.
The original guide describes the idea as a small network generating the weights of a larger one.

Let's implement a really simple hypernetwork. The main network is a two-layer classifier. The
hypernetwork, another two-layer network, reads an image and outputs every weight of the main
network (50,890 numbers) for that image; the main network then classifies the same image with
those weights. So each image gets its own main network, and only the hypernetwork is trained.

This simple version is not small, though: its last layer maps 16 values to 50,890 weights, so it
alone has 16 × 50,890 + 50,890 = 865,130 parameters. The hypernetwork has about 17 times as many
parameters as the main network it feeds, as the cell below counts.
"""

# %%
import numpy as np

input_dim = 784
classes = 10

# The main network: the one we actually use to predict labels.
main_network = keras.Sequential(
    [
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(classes),
    ]
)

# Build the main network, so that its variables exist.
# `stateless_call()` below only works on a built model;
# it computes with the weights we give it, not with these variables.
main_network.build((None, input_dim))

# The number of weight coefficients to generate.
# Each layer of the main network needs input_dim * output_dim + output_dim coefficients.
num_weights_to_generate = (classes * 64 + classes) + (64 * input_dim + 64)

# The hypernetwork, which generates the weights of `main_network`.
hypernetwork = keras.Sequential(
    [
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(num_weights_to_generate, activation="sigmoid"),
    ]
)
hypernetwork.build((None, input_dim))

print("Parameters of the main network:", main_network.count_params())
print("Parameters of the hypernetwork:", hypernetwork.count_params())

# %% [markdown]
"""
Here is the training loop. For each batch of data, we:

- Use `hypernetwork` to generate an array of weight coefficients, `weights_pred`.
- Reshape these coefficients into kernel and bias tensors for `main_network`.
- Run the forward pass of `main_network` with these weights to compute the actual MNIST predictions.
- Backpropagate through the weights of `hypernetwork` to minimize the final classification loss.

The batch size is 1: the generated weights belong to one image, and the reshaping below turns
one row of `weights_pred` into one kernel and one bias per layer.
"""

# %% tags=["tolerance-training"]
# Loss and optimizer
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = keras.optimizers.Adam(learning_rate=1e-4)

# Prepare the dataset.
(x_train, y_train), _ = keras.datasets.mnist.load_data()
dataset = tf.data.Dataset.from_tensor_slices(
    (x_train.reshape(60000, 784).astype("float32") / 255, y_train)
)

# For this experiment we use a batch size of 1.
dataset = dataset.shuffle(buffer_size=1024).batch(1)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        # Predict the weights of the main network.
        weights_pred = hypernetwork(x)

        # Reshape them to the shapes of w and b that the main network expects.
        # Kernel of layer 0
        start_index = 0
        w0_shape = (input_dim, 64)
        w0_coeffs = weights_pred[:, start_index : start_index + np.prod(w0_shape)]
        w0 = tf.reshape(w0_coeffs, w0_shape)
        start_index += np.prod(w0_shape)
        # Bias of layer 0
        b0_shape = (64,)
        b0_coeffs = weights_pred[:, start_index : start_index + np.prod(b0_shape)]
        b0 = tf.reshape(b0_coeffs, b0_shape)
        start_index += np.prod(b0_shape)
        # Kernel of layer 1
        w1_shape = (64, classes)
        w1_coeffs = weights_pred[:, start_index : start_index + np.prod(w1_shape)]
        w1 = tf.reshape(w1_coeffs, w1_shape)
        start_index += np.prod(w1_shape)
        # Bias of layer 1
        b1_shape = (classes,)
        b1_coeffs = weights_pred[:, start_index : start_index + np.prod(b1_shape)]
        b1 = tf.reshape(b1_coeffs, b1_shape)
        start_index += np.prod(b1_shape)

        # Run the main network with the generated weights.
        # `stateless_call` uses the tensors passed in as weights instead of the model's own variables.
        preds, _ = main_network.stateless_call([w0, b0, w1, b1], [], x)
        loss = loss_fn(y, preds)

    # Train only the hypernetwork.
    grads = tape.gradient(loss, hypernetwork.trainable_weights)
    optimizer.apply_gradients(zip(grads, hypernetwork.trainable_weights))
    return loss


losses = []  # Keep track of the losses over time.
for step, (x, y) in enumerate(dataset):
    loss = train_step(x, y)

    # Logging
    losses.append(float(loss))
    if step % 100 == 0:
        print("Step:", step, "Loss:", sum(losses) / len(losses))

    # Stop after 1,000 steps.
    # Training the model until it converges is left as an exercise for the reader.
    if step >= 1000:
        break

# %% [markdown]
"""
!!! note "What changed in Keras 3"
    The original marked the main network's layers as built (`layer.built = True`) so that calling it would
    not create variables, assigned the generated tensors to the layers (`main_network.layers[0].kernel = w0`),
    and then called the model. Neither works in Keras 3. A `Dense` layer's `kernel` is a read-only
    property, so assigning to it raises `AttributeError`; and a layer marked as built without any variables
    fails as soon as it is called, because its kernel is `None`.
    Instead, the main network is really built (`build`), so that its variables exist, and the generated
    weights are passed to `stateless_call()` in the order of its `trainable_variables` (kernel, bias,
    kernel, bias). `stateless_call()` refuses a model that is not built, which is the reason for the
    `build` call. It computes with the values it is given and leaves the model's own variables untouched,
    so the gradients flow through the generated weights all the way back to `hypernetwork`.

Implementing arbitrary research ideas with Keras is straightforward and highly productive.
Imagine trying out 25 ideas a day (20 minutes per experiment on average)!

Keras was designed to take you from idea to results as fast as possible,
because we believe that is the key to doing great research.

We hope you enjoyed this quick introduction. Let us know what you build with Keras!
"""
