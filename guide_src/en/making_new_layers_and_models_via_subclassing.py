# ---
# jupyter:
#   jupytext:
#     cell_markers: '"""'
#     formats: py:percent
#     notebook_metadata_filter: guide
#   guide:
#     title: Making new layers and models via subclassing
#     description: Write your own Keras layers and models by subclassing Layer and Model, with code that runs on JAX, TensorFlow and PyTorch.
#     author: François Chollet
#     date_created: '2019-03-01'
#     last_modified: '2026-12-05'
#     original: https://keras.io/guides/making_new_layers_and_models_via_subclassing/
#     backends: [jax, tensorflow, torch]
#     timeout: 600
# ---

# %% [markdown]
"""
## Introduction

Keras gives you many ready-made layers, but sooner or later you will want one that does not exist
yet. This guide shows how to write your own by subclassing `keras.layers.Layer`, and how to turn a
stack of such layers into a trainable object by subclassing `keras.Model`. Along the way it covers:

- how a layer holds its state (weights) and its computation (`call()`);
- creating weights with `add_weight()`, trainable or not;
- creating weights in `build()`, once the input shape is known;
- nesting layers inside layers;
- writing layers that work on every backend, and what a backend-specific layer looks like;
- losses created inside a layer with `add_loss()`;
- making a layer serializable with `get_config()`;
- the special `training` and `mask` arguments of `call()`;
- the `Model` class, and an end-to-end example: a variational autoencoder.

!!! note "About this page"
    This page follows the keras.io guide of the same name, written fresh for this site. Every code
    block was run on JAX, TensorFlow **and** PyTorch; where the backends printed something
    different, you see one tab per backend. Where it deliberately differs from keras.io:

    - Tensors are converted to NumPy arrays before they are printed, so that all three backends
      print them in the same format.
    - The backend-specific layers, the masking example and the `Model` example are code cells that
      run here; keras.io shows them as code that is not run, or describes them in prose.
    - The `fit()` example of `add_loss()` puts a `Dense` layer in the model, so that training has
      weights to update.
    - To keep each run short on a 2-core CPU, the variational autoencoder trains on 10,000 of
      MNIST's 60,000 training images for 2 epochs, in batches of 128; keras.io trains it on all
      60,000 images, in batches of 64.
"""

# %% [markdown]
"""
## Setup

Keras reads the backend from the `KERAS_BACKEND` environment variable before it is first imported
(`"jax"`, `"tensorflow"` or `"torch"`). This page was executed once per backend. `keras.ops` holds
the operations we use inside layers.
"""

# %%
import numpy as np
import keras
from keras import ops

print("Keras", keras.__version__, "on", keras.backend.backend())

# %% [markdown]
"""
## The `Layer` class: state (weights) plus computation

Most of Keras is built around one class, `Layer`. A layer pairs some state, its *weights*, with a
computation that turns inputs into outputs: its `call()` method, the layer's forward pass.

Below, a densely connected layer. Its state is two variables, `w` and `b`, made by the layer's
`add_weight()` method; its computation, in `call()`, is `inputs @ w + b`.
"""


# %%
class Linear(keras.layers.Layer):
    """A densely connected layer: inputs @ w + b."""

    def __init__(self, units=32, input_dim=32):
        super().__init__()
        self.w = self.add_weight(
            shape=(input_dim, units), initializer="random_normal", trainable=True, name="w"
        )
        self.b = self.add_weight(shape=(units,), initializer="zeros", trainable=True, name="b")

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b


# %% [markdown]
"""
To use the layer, call it on a tensor as you would call a function; that runs `call()`:
"""

# %%
x = ops.ones((2, 2))
linear_layer = Linear(units=4, input_dim=2)
y = linear_layer(x)
print("output shape:", tuple(y.shape))
print(ops.convert_to_numpy(y).round(4))

# %% [markdown]
"""
Both rows are the same because both input rows are `[1, 1]`; the values come from the random
initialization of `w` (`b` starts at zero).

The layer tracks `w` and `b` automatically: the weights that `add_weight()` creates appear in the
layer's `weights` list, in the order they were created.
"""

# %%
print([weight.name for weight in linear_layer.weights])
assert linear_layer.weights == [linear_layer.w, linear_layer.b]

# %% [markdown]
"""
## Layers can hold non-trainable weights

Not every weight is meant to be learned. Backpropagation leaves a weight created with
`trainable=False` alone during training; if its value must change, the layer changes it itself,
for instance with the variable's `assign_add()` method.

This layer keeps a running sum of every batch it has been called on:
"""


# %%
class ComputeSum(keras.layers.Layer):
    """Adds up, per feature, every input it has seen."""

    def __init__(self, input_dim):
        super().__init__()
        self.total = self.add_weight(
            shape=(input_dim,), initializer="zeros", trainable=False, name="total"
        )

    def call(self, inputs):
        self.total.assign_add(ops.sum(inputs, axis=0))
        return self.total


x = ops.ones((2, 2))
my_sum = ComputeSum(2)
print(ops.convert_to_numpy(my_sum(x)))
print(ops.convert_to_numpy(my_sum(x)))

# %% [markdown]
"""
`total` is one of the layer's `weights`, but it is filed under the non-trainable ones, and the list
of trainable weights is empty:
"""

# %%
print("weights:", len(my_sum.weights))
print("non-trainable weights:", len(my_sum.non_trainable_weights))
print("trainable weights:", my_sum.trainable_weights)

# %% [markdown]
"""
## Best practice: create weights once the input shape is known

The `Linear` layer above needs an `input_dim` argument so that `__init__()` can compute the shape
of `w`. Whoever uses the layer must then know the input size in advance, and repeat it. It is
simpler to let the layer read that size from the first data it receives.

Keras has a method for exactly this, `build(self, input_shape)`. Create the weights there:
"""


# %%
class Linear(keras.layers.Layer):
    """A densely connected layer that sizes its weights from its first input."""

    def __init__(self, units=32):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(
            shape=(input_shape[-1], self.units),
            initializer="random_normal",
            trainable=True,
            name="w",
        )
        self.b = self.add_weight(
            shape=(self.units,), initializer="random_normal", trainable=True, name="b"
        )

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b


# %% [markdown]
"""
The first time you call the layer, Keras calls `build()` with the shape of the input, then
`call()`; later calls go straight to `call()`. The layer is now lazy, and so easier to use: it
adapts to whatever it receives first.
"""

# %%
linear_layer = Linear(32)  # nothing says yet what the inputs will look like
print("built:", linear_layer.built, "- weights:", len(linear_layer.weights))

y = linear_layer(ops.ones((2, 6)))  # the first call creates the weights
print("built:", linear_layer.built, "- weights:", len(linear_layer.weights))
print("w shape:", tuple(linear_layer.w.shape))

# %% [markdown]
"""
Keeping `build()` apart from `call()` separates what happens once (creating the weights) from what
happens at every call (using them). In Keras 3 this is more than good style: all of a layer's
state must be created in `__init__()` or in `build()`. Once the layer is built, it refuses new
variables, so a layer that tries to create its weight inside `call()` fails on its first call,
with this error:
"""


# %%
class ScaleInCall(keras.layers.Layer):
    def call(self, inputs):
        self.scale = self.add_weight(shape=(inputs.shape[-1],), initializer="ones")
        return inputs * self.scale


try:
    ScaleInCall()(ops.ones((2, 3)))
except ValueError as error:
    print(error)

# %% [markdown]
"""
## Layers inside layers

A layer can use other layers. Store them as attributes, and the outer layer tracks their weights
along with its own. The usual pattern: create the sublayers in `__init__()`, use them in `call()`,
and let the first call build them.
"""


# %%
class MLPBlock(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.linear_1 = Linear(32)
        self.linear_2 = Linear(32)
        self.linear_3 = Linear(1)

    def call(self, inputs):
        x = self.linear_1(inputs)
        x = ops.relu(x)
        x = self.linear_2(x)
        x = ops.relu(x)
        return self.linear_3(x)


mlp = MLPBlock()
y = mlp(ops.ones((3, 64)))  # the first call creates the weights of all three sublayers
print("weights:", len(mlp.weights))
print("trainable weights:", len(mlp.trainable_weights))
print("shapes:", [tuple(weight.shape) for weight in mlp.weights])

# %% [markdown]
"""
The outer layer lists the `w` and `b` of its three sublayers, in the order the sublayers were
assigned in `__init__()`.

## Layers for every backend, and layers for one

A layer that uses only Keras APIs (`keras.ops`, `keras.random`, `keras.activations`,
`keras.layers`, ...) runs on any backend: JAX, TensorFlow or PyTorch. All the layers so far are of
this kind. `keras.ops` gives you:

- the NumPy API: `ops.matmul`, `ops.sum`, `ops.reshape`, `ops.stack`, ...
- operations specific to neural networks: `ops.relu`, `ops.softmax`, `ops.conv`,
  `ops.binary_crossentropy`, ...

What such a layer returns is a tensor of the backend in use:
"""

# %%
print("output type:", type(y).__module__, type(y).__name__)

# %% [markdown]
"""
Inside a layer you may also call the backend's own API (`jax.numpy`, `tf.nn`, `torch.nn.functional`,
...). The layer then works with that backend only. Here is the `Linear` layer written three
times, once per backend. Each reads the backend's own array or variable behind each Keras weight
with `.value`, and each trains a small model on random data. Each block runs only on its own backend;
on the other two it raises an error, which is why each is marked with its backend.
"""

# %%
rng = np.random.default_rng(0)
x_small = rng.normal(size=(64, 4)).astype("float32")
y_small = x_small @ rng.normal(size=(4, 2)).astype("float32")
print("inputs:", x_small.shape, "targets:", y_small.shape)

# %% tags=["only-jax"]
import jax


class JaxLinear(keras.layers.Layer):
    def __init__(self, units=32):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        return jax.numpy.matmul(inputs, self.w.value) + self.b.value


jax_model = keras.Sequential([keras.Input(shape=(4,)), JaxLinear(2)])
jax_model.compile(optimizer="sgd", loss="mse")
jax_model.fit(x_small, y_small, batch_size=32, epochs=1, verbose=2)
print("w is stored as:", type(jax_model.layers[0].w.value).__name__)

# %% tags=["only-tensorflow"]
import tensorflow as tf


class TensorFlowLinear(keras.layers.Layer):
    def __init__(self, units=32):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        return tf.matmul(inputs, self.w.value) + self.b.value


tf_model = keras.Sequential([keras.Input(shape=(4,)), TensorFlowLinear(2)])
tf_model.compile(optimizer="sgd", loss="mse")
tf_model.fit(x_small, y_small, batch_size=32, epochs=1, verbose=2)
print("w is stored as:", type(tf_model.layers[0].w.value).__name__)

# %% tags=["only-torch"]
import torch


class TorchLinear(keras.layers.Layer):
    def __init__(self, units=32):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        return torch.matmul(inputs, self.w.value) + self.b.value


torch_model = keras.Sequential([keras.Input(shape=(4,)), TorchLinear(2)])
torch_model.compile(optimizer="sgd", loss="mse")
torch_model.fit(x_small, y_small, batch_size=32, epochs=1, verbose=2)
print("w is stored as:", type(torch_model.layers[0].w.value).__name__)

# %% [markdown]
"""
A layer that runs everywhere is worth a lot: the same code serves a JAX project today and a
PyTorch one tomorrow. So prefer Keras APIs in your layers, as the rest of this guide does.

## The `add_loss()` method

Sometimes a layer computes, during its forward pass, a value that training should minimize
along with the main loss: a regularization term, say. The layer records it with
`self.add_loss(value)`:
"""


# %%
class ActivityRegularizationLayer(keras.layers.Layer):
    """Passes its inputs through, and records an activity regularization loss on them."""

    def __init__(self, rate=1e-2):
        super().__init__()
        self.rate = rate

    def call(self, inputs):
        self.add_loss(self.rate * ops.mean(ops.square(inputs)))
        return inputs


# %% [markdown]
"""
Any scalar computed with `keras.ops` will do; no `Loss` object is involved.

The `losses` property collects these values, from the layer itself and from every layer inside
it. Each call of the outermost layer starts a fresh list, so the values never pile up: of what
`add_loss()` records, `layer.losses` holds only what the latest forward pass recorded. (The weight
regularization losses below are different: they are computed again from the current weights
whenever `losses` is read, so once the weights exist (after `build()`) they are there even before
the layer is called.)
"""


# %%
class OuterLayer(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.activity_reg = ActivityRegularizationLayer(1e-2)

    def call(self, inputs):
        return self.activity_reg(inputs)


layer = OuterLayer()
print("before any call:", len(layer.losses))  # never called, so no losses yet

_ = layer(ops.ones((1, 1)))
print("after one call:", len(layer.losses))  # one loss, created by the inner layer

_ = layer(ops.ones((1, 1)))
print("after two calls:", len(layer.losses))  # still one: the losses of the last call only

# %% [markdown]
"""
Weight regularization ends up there too: a `Dense` layer created with a `kernel_regularizer`,
nested in another layer, adds its penalty to the outer layer's `losses`:
"""


# %%
class OuterLayerWithKernelRegularizer(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.dense = keras.layers.Dense(32, kernel_regularizer=keras.regularizers.l2(1e-3))

    def call(self, inputs):
        return self.dense(inputs)


layer = OuterLayerWithKernelRegularizer()
_ = layer(ops.zeros((1, 1)))

# 1e-3 * sum(layer.dense.kernel ** 2), from the kernel_regularizer above
print("losses:", [round(float(ops.convert_to_numpy(loss)), 6) for loss in layer.losses])

# %% [markdown]
"""
In a training loop of your own, add them to the main loss: for one batch, the value to minimize
is the main loss plus `sum(layer.losses)`.
"""

# %%
loss_fn = keras.losses.MeanSquaredError()
inputs = ops.ones((4, 1))
targets = ops.zeros((4, 32))

predictions = layer(inputs)  # this forward pass recreates layer.losses
main_loss = loss_fn(targets, predictions)
total_loss = main_loss + sum(layer.losses)
print("main loss:", round(float(ops.convert_to_numpy(main_loss)), 6))
print("with regularization:", round(float(ops.convert_to_numpy(total_loss)), 6))

# %% [markdown]
"""
In a training loop, computing the gradients of that loss and applying them depends on the
backend, and so does collecting these losses on JAX: there the loss function runs the model with
`stateless_call()`, whose losses never reach `model.losses`; they come back from
`stateless_call(..., return_losses=True)` instead. [Writing a training loop from
scratch](writing_a_training_loop_from_scratch.md) on this site computes the gradients and collects
the losses on each of the three backends, in its section on the losses tracked by the model; the
[introduction to Keras for researchers](intro_to_keras_for_researchers.md) writes such a loop, with
these losses, in TensorFlow.

With `fit()` there is nothing to write: `fit()` sums the losses recorded with `add_loss()` and
adds them to the main loss, if there is one.
"""

# %%
inputs = keras.Input(shape=(3,))
x = keras.layers.Dense(3)(inputs)
outputs = ActivityRegularizationLayer()(x)
model = keras.Model(inputs, outputs)

# With a loss given to compile(), the regularization loss is added to it.
model.compile(optimizer="adam", loss="mse")
model.fit(rng.random((8, 3)), rng.random((8, 3)), verbose=2)

# You can also give no loss to compile(): the model still has one to
# minimize, the one that add_loss() records during the forward pass.
model.compile(optimizer="adam")
history = model.fit(rng.random((8, 3)), rng.random((8, 3)), verbose=2)

# %% [markdown]
"""
## Optional: making layers serializable

To save a [functional model](functional_api.md) that contains your layer, to a `.keras` file for
instance, and load it back, Keras must be able to recreate the layer. Keras 3 can write the
configuration on its own when `__init__()` takes `**kwargs` and its other arguments are simple
values (numbers, strings, booleans, None, lists or dicts of them), but the dependable way is to give the layer a `get_config()` method that returns
the arguments of its `__init__()`:
"""


# %%
class Linear(keras.layers.Layer):
    def __init__(self, units=32):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(
            shape=(input_shape[-1], self.units),
            initializer="random_normal",
            trainable=True,
            name="w",
        )
        self.b = self.add_weight(
            shape=(self.units,), initializer="random_normal", trainable=True, name="b"
        )

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b

    def get_config(self):
        return {"units": self.units}


# The layer can now be recreated from its config.
layer = Linear(64)
config = layer.get_config()
print(config)
new_layer = Linear.from_config(config)
print("units of the new layer:", new_layer.units)

# %% [markdown]
"""
The base class's `__init__()` has keyword arguments of its own, such as `name` and `dtype`.
Accept `**kwargs` and pass them to `super().__init__()`, and start the config from
`super().get_config()`, so that these settings survive the round trip:
"""


# %%
class Linear(keras.layers.Layer):
    def __init__(self, units=32, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(
            shape=(input_shape[-1], self.units),
            initializer="random_normal",
            trainable=True,
            name="w",
        )
        self.b = self.add_weight(
            shape=(self.units,), initializer="random_normal", trainable=True, name="b"
        )

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b

    def get_config(self):
        config = super().get_config()
        config.update({"units": self.units})
        return config


layer = Linear(64, name="projection")
config = layer.get_config()
print(config)
new_layer = Linear.from_config(config)
print("name of the new layer:", new_layer.name)

# %% [markdown]
"""
With `get_config()` in place, a functional model that uses the layer can be saved and loaded
back. When loading, tell Keras which class the name `"Linear"` in the file stands for, with
`custom_objects` (or register the class once with the `@keras.saving.register_keras_serializable()`
decorator):
"""

# %%
inputs = keras.Input(shape=(4,))
outputs = Linear(3)(inputs)
model = keras.Model(inputs, outputs)
model.save("linear_model.keras")

restored = keras.saving.load_model("linear_model.keras", custom_objects={"Linear": Linear})
probe = np.ones((2, 4), dtype="float32")
print("same outputs:", np.allclose(model.predict(probe, verbose=0), restored.predict(probe, verbose=0)))

# %% [markdown]
"""
`from_config()` is a class method. Override it when rebuilding the layer takes more than calling
the constructor. The default does little more than this (it first turns a saved `dtype` back into
a dtype policy):

```python
@classmethod
def from_config(cls, config):
    return cls(**config)
```

To learn more about serialization and saving, see keras.io's
[guide to saving and serializing models](https://keras.io/guides/serialization_and_saving/).

## The `training` argument of `call()`

A few layers must not behave the same way in training and at inference: `Dropout` zeroes random
values only while training, and `BatchNormalization` uses the statistics of the batch only while
training. Such a layer takes a boolean `training` argument in `call()`, and the built-in loops
(`fit()`, `evaluate()`, `predict()`) set it for you.

Here is a dropout layer of our own. It draws its random numbers with `keras.random`, seeded by a
`SeedGenerator` that the layer owns, so it works on every backend:
"""


# %%
class CustomDropout(keras.layers.Layer):
    def __init__(self, rate, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate
        self.seed_generator = keras.random.SeedGenerator(1337)

    def call(self, inputs, training=False):
        if training:
            return keras.random.dropout(inputs, rate=self.rate, seed=self.seed_generator)
        return inputs


dropout = CustomDropout(0.5)
x = ops.ones((2, 8))
print("training=False:")
print(ops.convert_to_numpy(dropout(x, training=False)))
print("training=True:")
print(ops.convert_to_numpy(dropout(x, training=True)))

# %% [markdown]
"""
In training mode, about half of the values are set to zero and the others are scaled by
`1 / (1 - rate)`, here 2, so that the expected sum stays the same.

You rarely pass `training` yourself: `fit()` calls the model with `training=True`, `evaluate()`
and `predict()` with `training=False`. And when a model or a layer is called with `training=...`,
Keras passes the same value on to the layers it calls inside:
"""

# %%
model = keras.Sequential([keras.Input(shape=(8,)), CustomDropout(0.5)])
print("zeros with training=True:", int(ops.sum(model(x, training=True) == 0)))
print("zeros from predict():", int(np.sum(model.predict(x, verbose=0) == 0)))

# %% [markdown]
"""
## The `mask` argument of `call()`

`call()` may also take a `mask` argument, as every Keras RNN layer does. A mask is a boolean
tensor that says, for each time step of a sequence, whether to use it or skip it; typically, the
padding added to make sequences the same length is masked out.

You rarely pass the mask yourself (`layer(x, mask=...)` works too): when a layer upstream
produces one, Keras hands it to the layers whose `call()` has a `mask` argument. The layers that
produce masks are typically `Embedding` created with `mask_zero=True`, and `Masking`.

What happens to the mask after a layer is the layer's to say. A layer that keeps the time axis as
it is (an element-wise operation, say) passes the mask on to the next layer only if it sets
`self.supports_masking = True` in `__init__()`. A layer that overrides `compute_mask()` returns
the mask for its output itself, and Keras then treats it as supporting masks. A layer that does
neither still receives the mask, but Keras warns that the layer destroys the mask, and the layers
after it get none.

Here is a layer that averages a sequence over its time steps, skipping the masked ones. Its
`compute_mask()` method returns `None`: the output has no time axis any more, so there is no mask
left to pass on to the next layer.
"""


# %%
class MaskedAverage(keras.layers.Layer):
    """Averages over the time axis, ignoring masked time steps."""

    def call(self, inputs, mask=None):
        if mask is None:
            return ops.mean(inputs, axis=1)
        weights = ops.expand_dims(ops.cast(mask, inputs.dtype), axis=-1)
        total = ops.sum(inputs * weights, axis=1)
        count = ops.maximum(ops.sum(weights, axis=1), 1.0)
        return total / count

    def compute_mask(self, inputs, mask=None):
        return None


embedding = keras.layers.Embedding(input_dim=10, output_dim=4, mask_zero=True)
tokens = np.array([[3, 7, 0, 0], [5, 2, 9, 0]])  # 0 is padding
vectors = embedding(tokens)
print("mask:")
print(ops.convert_to_numpy(embedding.compute_mask(tokens)))

pooled = MaskedAverage()(vectors)  # Keras passes the embedding's mask to call()
print("pooled shape:", tuple(pooled.shape))

unpadded = ops.mean(embedding(np.array([[3, 7]])), axis=1)
print(
    "first row ignores the padding:",
    np.allclose(ops.convert_to_numpy(pooled[0]), ops.convert_to_numpy(unpadded[0]), atol=1e-6),
)

# %% [markdown]
"""
To learn more about masking and how to write layers that support it, see keras.io's guide
["Understanding masking & padding"](https://keras.io/guides/understanding_masking_and_padding/).

## The `Model` class

`Layer` is for the building blocks; `Model` is for the object you train. In a ResNet50, say, each
ResNet block would subclass `Layer`, and one `Model` would hold the whole network.

A `Model` does everything a `Layer` does, and adds:

- the built-in loops: `model.fit()`, `model.evaluate()`, `model.predict()`;
- `model.layers`, the list of its inner layers;
- saving and serialization: `save()`, `save_weights()`, ...

The two classes match two words of the deep learning vocabulary. What papers call a *layer* or a
*block* (a convolution layer, a recurrent layer, a ResNet block, an Inception block) is a `Layer`;
what they call a *model* or a *network* (a deep neural network) is a `Model`.

In practice, ask whether you will call `fit()` or `save()` on the object itself. If so, subclass
`Model`. If the class is one piece of a bigger system, or you write the training and saving code
yourself, subclass `Layer`.

Here is a small ResNet-style model for tabular data: two residual blocks that subclass `Layer`,
inside a `Model` that we train with `fit()` and save with `save_weights()`. Each residual block
adds what its two `Dense` layers compute to its own input: a residual connection.
"""


# %%
class ResidualBlock(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.dense_1 = keras.layers.Dense(units, activation="relu")
        self.dense_2 = keras.layers.Dense(units)

    def call(self, inputs):
        return inputs + self.dense_2(self.dense_1(inputs))


class TinyResNet(keras.Model):
    def __init__(self, num_classes=3, units=16, **kwargs):
        super().__init__(**kwargs)
        self.project = keras.layers.Dense(units, name="project")
        self.block_1 = ResidualBlock(units, name="block_1")
        self.block_2 = ResidualBlock(units, name="block_2")
        self.classifier = keras.layers.Dense(num_classes, name="classifier")

    def call(self, inputs):
        x = self.project(inputs)
        x = self.block_1(x)
        x = self.block_2(x)
        return self.classifier(x)


features = rng.normal(size=(512, 8)).astype("float32")
labels = np.argmax(features @ rng.normal(size=(8, 3)), axis=1)

resnet = TinyResNet()
resnet.compile(
    optimizer="adam",
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
resnet.fit(features, labels, batch_size=64, epochs=2, verbose=2)
print("layers:", [layer.name for layer in resnet.layers])

# %% [markdown]
"""
`save_weights()` writes the weights to a file whose name must end in `.weights.h5`. A new instance
of the same class, built by calling it once, can load them back and then computes the same outputs:
"""

# %%
resnet.save_weights("tiny_resnet.weights.h5")

reloaded = TinyResNet()
reloaded(features[:1])  # the first call creates the weights
reloaded.load_weights("tiny_resnet.weights.h5")
print(
    "same predictions:",
    np.allclose(resnet.predict(features, verbose=0), reloaded.predict(features, verbose=0), atol=1e-6),
)

# %% [markdown]
"""
Weights saved with `save_weights()` only need a model of the same class to load into. Saving a
subclassed model as a whole, with `save()`, is covered in keras.io's
[guide to saving and serializing models](https://keras.io/guides/serialization_and_saving/).

## Putting it all together: a variational autoencoder

A recap of the sections above:

- A layer's state is created in `__init__()` or `build()`; its computation is `call()`.
- Layers nest inside layers, which makes bigger blocks out of small ones.
- Written with `keras.ops` and `keras.random`, a layer runs on every backend.
- `add_loss()` records extra losses, such as regularization terms, during the forward pass.
- The object you train is a `Model`: a `Layer` with training and saving on top.

The example below uses all of it: a variational autoencoder (VAE), trained on MNIST digits. The
VAE subclasses `Model` and is made of layers that subclass `Layer`; its regularization loss, the
KL divergence, is recorded with `add_loss()`.

First, the layers. `Sampling` draws the code `z` of a digit from the normal distribution given by
`z_mean` and `z_log_var`; like `CustomDropout`, it owns a `SeedGenerator`, so it draws new noise
at every call. `Encoder` maps a digit to `(z_mean, z_log_var, z)`, and `Decoder` maps `z` back to
an image.
"""


# %%
class Sampling(keras.layers.Layer):
    """Uses (z_mean, z_log_var) to sample z, the vector that encodes a digit."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seed_generator = keras.random.SeedGenerator(1337)

    def call(self, inputs):
        z_mean, z_log_var = inputs
        epsilon = keras.random.normal(ops.shape(z_mean), seed=self.seed_generator)
        return z_mean + ops.exp(0.5 * z_log_var) * epsilon


class Encoder(keras.layers.Layer):
    """Maps MNIST digits to a triplet (z_mean, z_log_var, z)."""

    def __init__(self, latent_dim=32, intermediate_dim=64, name="encoder", **kwargs):
        super().__init__(name=name, **kwargs)
        self.dense_proj = keras.layers.Dense(intermediate_dim, activation="relu")
        self.dense_mean = keras.layers.Dense(latent_dim)
        self.dense_log_var = keras.layers.Dense(latent_dim)
        self.sampling = Sampling()

    def call(self, inputs):
        x = self.dense_proj(inputs)
        z_mean = self.dense_mean(x)
        z_log_var = self.dense_log_var(x)
        z = self.sampling((z_mean, z_log_var))
        return z_mean, z_log_var, z


class Decoder(keras.layers.Layer):
    """Turns z, the vector that encodes a digit, back into an image of a digit."""

    def __init__(self, original_dim, intermediate_dim=64, name="decoder", **kwargs):
        super().__init__(name=name, **kwargs)
        self.dense_proj = keras.layers.Dense(intermediate_dim, activation="relu")
        self.dense_output = keras.layers.Dense(original_dim, activation="sigmoid")

    def call(self, inputs):
        x = self.dense_proj(inputs)
        return self.dense_output(x)


# %% [markdown]
"""
The model combines the encoder and the decoder, and records the KL divergence between the
encoded distribution and a standard normal distribution as a regularization loss:
"""


# %%
class VariationalAutoEncoder(keras.Model):
    """Combines the encoder and the decoder into an end-to-end model for training."""

    def __init__(
        self, original_dim, intermediate_dim=64, latent_dim=32, name="autoencoder", **kwargs
    ):
        super().__init__(name=name, **kwargs)
        self.original_dim = original_dim
        self.encoder = Encoder(latent_dim=latent_dim, intermediate_dim=intermediate_dim)
        self.decoder = Decoder(original_dim, intermediate_dim=intermediate_dim)

    def call(self, inputs):
        z_mean, z_log_var, z = self.encoder(inputs)
        reconstructed = self.decoder(z)
        # KL divergence regularization loss
        kl_loss = -0.5 * ops.mean(z_log_var - ops.square(z_mean) - ops.exp(z_log_var) + 1)
        self.add_loss(kl_loss)
        return reconstructed


# %% [markdown]
"""
We load MNIST, flatten each 28x28 image into a vector of 784 values in the [0, 1] range, and keep
the first 10,000 training images:
"""

# %%
(x_train, _), (x_test, _) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32")[:10000] / 255
x_test = x_test.reshape(-1, 784).astype("float32") / 255
print("training images:", x_train.shape, "test images:", x_test.shape)

# %% [markdown]
"""
Since the VAE subclasses `Model`, it has the built-in training loop: we compile it with a
reconstruction loss, the mean squared error between the image and its reconstruction, and train
it with `fit()`, giving the images as both inputs and targets. `fit()` adds the KL divergence
recorded with `add_loss()` to that loss.
"""

# %%
vae = VariationalAutoEncoder(original_dim=784, intermediate_dim=64, latent_dim=32)
vae.compile(
    optimizer=keras.optimizers.Adam(learning_rate=1e-3),
    loss=keras.losses.MeanSquaredError(),
)
history = vae.fit(x_train, x_train, epochs=2, batch_size=128, verbose=2)

# %% [markdown]
"""
The trained model reconstructs digits it has never seen, and its decoder turns random points of
the latent space into new 784-pixel images:
"""

# %% tags=["tolerance-training"]
reconstructed = vae.predict(x_test[:1000], verbose=0)
error = np.mean((reconstructed - x_test[:1000]) ** 2)
print("reconstruction MSE on 1,000 test images:", round(float(error), 4))

z = keras.random.normal((4, 32), seed=7)
generated = ops.convert_to_numpy(vae.decoder(z))
print("generated images:", generated.shape)
print("all pixel values in [0, 1]:", bool(np.all((generated >= 0) & (generated <= 1))))
