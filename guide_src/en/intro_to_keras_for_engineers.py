# ---
# jupyter:
#   jupytext:
#     cell_markers: '"""'
#     formats: py:percent
#     notebook_metadata_filter: guide
#   guide:
#     title: Introduction to Keras for Engineers
#     description: A first working tour of Keras 3, the same code on JAX, TensorFlow and PyTorch.
#     author: François Chollet
#     date_created: '2023-07-10'
#     last_modified: '2026-12-05'
#     original: https://keras.io/getting_started/intro_to_keras_for_engineers/
#     backends: [jax, tensorflow, torch]
#     timeout: 600
# ---

# %% [markdown]
"""
## Introduction

Keras 3 is a deep learning framework that runs on top of JAX, TensorFlow or PyTorch: you write
your model once, and the same code trains on whichever backend you pick. This page walks through
the workflows an engineer needs on day one: getting data in, building a model in three ways,
training it with callbacks, evaluating it, making predictions, saving and reloading it, writing a
layer of your own that works on every backend, feeding `fit()` from other data sources, and
customizing one training step.

!!! note "About this page"
    This page follows François Chollet's Keras 3 guide on keras.io (2023), with its examples
    rewritten and a few additions: the same model written with the Functional API and by
    subclassing, the training history, and a custom training step for each backend. The Korean
    page is a new translation of this page. (The 2020 Korean translation of "Introduction to Keras
    for Engineers" by the keras-ko project is of an earlier, different guide, written for
    `tf.keras`.)

    Every code block below was run on JAX, TensorFlow **and** PyTorch, with three exceptions: the
    three `train_step()` blocks at the end are each written for one backend, labelled with it, and
    shown with its output. Each was also run on the two other backends, where it fails as
    explained there; the tests check that it still does. Where the backends printed something
    different, you see one tab per backend. To keep each run under a few minutes on a 2-core CPU,
    the model is small and it trains on 12,000 of MNIST's 60,000 training images for 3 epochs;
    the original trains a larger convnet on all of them for up to 20 epochs.
"""

# %% [markdown]
"""
## Setup

Pick the backend with the `KERAS_BACKEND` environment variable (`"jax"`, `"tensorflow"` or
`"torch"`) before Keras is imported, for example `os.environ["KERAS_BACKEND"] = "jax"` in the
first cell of a notebook: Keras reads it once, on its first import.

Switching later, in the same process, is possible but has a catch. `keras.config.set_backend("torch")`
sets the variable, removes Keras' modules from memory and imports them again. The name `keras`
you imported before still points at the old modules, so run `import keras` again (and every
`from keras import ...`). Layers, models and tensors created before the switch are not converted:
they stay on the old backend and cannot be mixed with new ones (a new `keras.Sequential` refuses
an old layer), so create them again. Keras warns about this with a `UserWarning`. Restarting the
notebook's kernel is simpler. This page was executed once per backend, each time in a fresh
kernel with the variable set before the first cell ran.
"""

# %%
import os

import numpy as np
import keras

print("Keras", keras.__version__, "on", keras.backend.backend())

# %% [markdown]
"""
## Loading the data

We use MNIST, the classic data set of 28x28 grayscale images of handwritten digits.
`keras.datasets.mnist.load_data()` returns NumPy arrays. We scale the pixel values to the
[0, 1] range, add a channel axis so that each image has shape `(28, 28, 1)`, and keep a subset
of the training images so that the page runs quickly.
"""

# %%
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()

x_train = np.expand_dims(x_train.astype("float32") / 255, -1)[:12000]
y_train = y_train[:12000]
x_test = np.expand_dims(x_test.astype("float32") / 255, -1)
print("training images:", x_train.shape, "labels:", y_train.shape)
print("test images:", x_test.shape)

# %% [markdown]
"""
## Building a model

Keras offers three ways to build a model. They produce the same kind of object, a
`keras.Model`, and you can mix them freely.

The **Sequential API** (`keras.Sequential`) stacks layers one after the other. It is the
shortest way to write a plain feed-forward model, where each layer feeds the next:
"""

# %%
num_classes = 10


def make_sequential():
    return keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            keras.layers.Conv2D(16, 3, activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Conv2D(32, 3, activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Flatten(),
            keras.layers.Dropout(0.3),
            keras.layers.Dense(num_classes, activation="softmax"),
        ],
        name="digits",
    )


model = make_sequential()
model.summary()

# %% [markdown]
"""
The **Functional API** describes the model as a graph of layers called on symbolic inputs.
It can express models with several inputs, several outputs or shared layers. The same network,
written this way:
"""

# %%
inputs = keras.Input(shape=(28, 28, 1))
x = keras.layers.Conv2D(16, 3, activation="relu")(inputs)
x = keras.layers.MaxPooling2D(2)(x)
x = keras.layers.Conv2D(32, 3, activation="relu")(x)
x = keras.layers.MaxPooling2D(2)(x)
x = keras.layers.Flatten()(x)
x = keras.layers.Dropout(0.3)(x)
outputs = keras.layers.Dense(num_classes, activation="softmax")(x)
functional_model = keras.Model(inputs, outputs, name="digits_functional")
print("parameters:", functional_model.count_params())

# %% [markdown]
"""
**Subclassing** `keras.Model` gives you full control: create the layers in `__init__` and write
the forward pass in `call()`. This is the style to use when the forward pass needs Python logic.
"""

# %%
class DigitClassifier(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv1 = keras.layers.Conv2D(16, 3, activation="relu")
        self.pool = keras.layers.MaxPooling2D(2)
        self.conv2 = keras.layers.Conv2D(32, 3, activation="relu")
        self.flatten = keras.layers.Flatten()
        self.dropout = keras.layers.Dropout(0.3)
        self.classifier = keras.layers.Dense(num_classes, activation="softmax")

    def call(self, images, training=False):
        x = self.pool(self.conv1(images))
        x = self.flatten(self.pool(self.conv2(x)))
        return self.classifier(self.dropout(x, training=training))


subclassed_model = DigitClassifier()
print("output shape:", subclassed_model(x_test[:2]).shape)
print("parameters:", subclassed_model.count_params())

# %% [markdown]
"""
## Training with `compile()` and `fit()`

`compile()` sets the optimizer, the loss and the metrics to report. `fit()` then runs the
training loop over the data, in batches, for a number of epochs. Callbacks hook into that loop:
here `ModelCheckpoint` saves the model after each epoch, and `EarlyStopping` would stop training
once the validation loss stops improving. `validation_split=0.15` keeps the last 15% of the
training data aside to measure the model on images it does not train on.

`compile()` also decides how the training step is compiled. Its default, `jit_compile="auto"`,
compiles it with XLA on JAX, and on TensorFlow when a GPU or TPU is present, provided the model
supports XLA; TensorFlow leaves XLA off on a machine with only a CPU, like the one that ran this
page. On PyTorch, `"auto"` means eager execution (`jit_compile=True` would use `torch.compile`).
`model.jit_compile` tells what was chosen:
"""

# %%
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=2e-3),
    loss=keras.losses.SparseCategoricalCrossentropy(),
    metrics=[keras.metrics.SparseCategoricalAccuracy(name="acc")],
)
print("XLA compilation (jit_compile):", model.jit_compile)
callbacks = [
    keras.callbacks.ModelCheckpoint(filepath="digits_epoch_{epoch}.keras"),
    keras.callbacks.EarlyStopping(monitor="val_loss", patience=2),
]
history = model.fit(
    x_train,
    y_train,
    batch_size=128,
    epochs=3,
    validation_split=0.15,
    callbacks=callbacks,
    verbose=2,
)

# %% [markdown]
"""
`fit()` returns a `History` object whose `history` dictionary holds one value per epoch for the
loss and for each metric:
"""

# %% tags=["tolerance-training"]
for name, values in history.history.items():
    print(name, [round(v, 4) for v in values])

# %% [markdown]
"""
## Evaluating and predicting

`evaluate()` computes the loss and the metrics on whatever data you pass it. To measure how well
the model does on new data, pass data it did not train on, as here: the 10,000 test images.
`predict()` returns the model's outputs: here, for each image, the probability of each of the
ten digits.
"""

# %% tags=["tolerance-training"]
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"test loss: {loss:.4f}, test accuracy: {accuracy:.4f}")

probabilities = model.predict(x_test[:8], verbose=0)
print("probabilities shape:", probabilities.shape)
print("predicted:", probabilities.argmax(axis=1))
print("true:     ", y_test[:8])

# %% [markdown]
"""
## Saving and reloading

A `.keras` file holds the whole model: its architecture, its weights and its compile settings.
The checkpoints that `ModelCheckpoint` wrote during training are such files too. Saving the
trained model and loading it back gives a model that computes the same outputs. The code below
checks that the two models' predictions agree (to within a tolerance of 1e-5), then prints the
`.keras` files in the working directory (the one saved by hand and the checkpoint saved at each
epoch).
"""

# %%
model.save("digits.keras")
restored = keras.saving.load_model("digits.keras")
np.testing.assert_allclose(restored.predict(x_test[:8], verbose=0), probabilities, rtol=1e-5, atol=1e-6)
print(sorted(name for name in os.listdir(".") if name.endswith(".keras")))

# %% [markdown]
"""
## A layer that works on every backend

A custom layer written with `keras.ops` runs unchanged on JAX, TensorFlow and PyTorch.
`keras.ops` holds the NumPy API (`keras.ops.matmul`, `keras.ops.mean`, ...) plus operations
specific to neural networks (`keras.ops.relu`, `keras.ops.softmax`, ...). Random operations live
in `keras.random` and take a `seed`; a `keras.random.SeedGenerator` passed as the seed gives a new
seed at each call. The generator keeps its state in a variable, which the layer tracks as a
non-trainable variable: it is listed in `layer.variables`, not in `layer.weights`. Because the layer
tracks it, this state is handled exactly like the model's other variables. For example, the
stateless JAX training step at the end of this page takes all variables as arguments and returns
their new values, and this state too is passed in and returned in `non_trainable_variables`. In
that model, the seed state of the `Dropout` layer is the only non-trainable variable.

Here is a dense layer that scales its output by a learned factor per unit, and a noise layer
that is only active during training:
"""

# %%
class ScaledDense(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(
            shape=(input_shape[-1], self.units), initializer="glorot_uniform", name="kernel"
        )
        self.scale = self.add_weight(shape=(self.units,), initializer="ones", name="scale")

    def call(self, inputs):
        return keras.ops.matmul(inputs, self.kernel) * self.scale


class GaussianNoiseLayer(keras.layers.Layer):
    def __init__(self, stddev, **kwargs):
        super().__init__(**kwargs)
        self.stddev = stddev
        self.seed_generator = keras.random.SeedGenerator(42)

    def call(self, inputs, training=False):
        if not training:
            return inputs
        noise = keras.random.normal(keras.ops.shape(inputs), stddev=self.stddev, seed=self.seed_generator)
        return inputs + noise


layer = ScaledDense(3)
batch = keras.ops.ones((2, 4))
print("ScaledDense output:", keras.ops.convert_to_numpy(layer(batch)).shape)
print("weights:", [w.name for w in layer.weights])
noisy = GaussianNoiseLayer(0.1)
print("unchanged at inference:", bool(keras.ops.all(noisy(batch) == batch)))
print("noise layer weights:", noisy.weights, "variables:", [v.name for v in noisy.variables])

# %% [markdown]
"""
The custom layers plug into any model. A small classifier on flattened images, trained for one
epoch:
"""

# %% tags=["tolerance-training"]
custom_model = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        keras.layers.Flatten(),
        GaussianNoiseLayer(0.05),
        ScaledDense(64),
        keras.layers.Activation("relu"),
        ScaledDense(num_classes),
        keras.layers.Activation("softmax"),
    ]
)
custom_model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
custom_model.fit(x_train, y_train, batch_size=128, epochs=1, verbose=2)
print("test accuracy:", round(custom_model.evaluate(x_test, y_test, verbose=0)[1], 4))

# %% [markdown]
"""
## Training on other data sources

So far `fit()` got NumPy arrays. It takes other sources too, whichever backend runs the model:

- **NumPy arrays**, as above: `fit()` cuts them into batches of `batch_size` and shuffles them at
  every epoch;
- a **`tf.data.Dataset`** that yields `(inputs, targets)` batches (TensorFlow must be installed);
- a **PyTorch `DataLoader`** (PyTorch must be installed);
- a **`keras.utils.PyDataset`**: your own Python class whose `__getitem__(index)` returns batch
  number `index` and whose `__len__()` returns the number of batches. It can load batches in
  parallel (`workers=`), and its `on_epoch_end()` runs after each epoch.

These three already yield batches, so `batch_size` is not passed to `fit()`. They also shuffle by
themselves: `fit()`'s `shuffle` cannot reach inside a dataset or a loader (with `shuffle=True`, its
default, `fit()` warns that it ignores it there), and for a `PyDataset` it would only shuffle the
order of the batches. So each source below shuffles on its own, and the calls pass
`shuffle=False`. The same small model trains for two epochs on 4,000 images from each source,
with the same code on every backend:
"""

# %%
import math

import tensorflow as tf
import torch

x_part, y_part = x_train[:4000], y_train[:4000]

tf_dataset = tf.data.Dataset.from_tensor_slices((x_part, y_part)).shuffle(4000, seed=1).batch(128)

torch_loader = torch.utils.data.DataLoader(
    torch.utils.data.TensorDataset(torch.from_numpy(x_part), torch.from_numpy(y_part)),
    batch_size=128,
    shuffle=True,
    generator=torch.Generator().manual_seed(1),
)


class DigitBatches(keras.utils.PyDataset):
    def __init__(self, images, labels, batch_size, seed=1, **kwargs):
        super().__init__(**kwargs)
        self.images, self.labels, self.batch_size = images, labels, batch_size
        self.rng = np.random.default_rng(seed)
        self.order = self.rng.permutation(len(images))

    def __len__(self):
        return math.ceil(len(self.images) / self.batch_size)

    def __getitem__(self, index):
        rows = self.order[index * self.batch_size : (index + 1) * self.batch_size]
        return self.images[rows], self.labels[rows]

    def on_epoch_end(self):
        self.order = self.rng.permutation(len(self.images))


sources = {"tf.data": tf_dataset, "DataLoader": torch_loader, "PyDataset": DigitBatches(x_part, y_part, 128)}
for name, data in sources.items():
    print(name)
    source_model = make_sequential()
    source_model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    source_model.fit(data, epochs=2, shuffle=False, verbose=2)

# %% [markdown]
"""
## Customizing one training step

When you need a training algorithm of your own but want to keep everything else `fit()` gives
you (callbacks, progress, distribution), override the model's `train_step()`. This is the one
place where the backends differ: the step must compute gradients, and each framework has its own
way to do that. JAX computes them with `jax.value_and_grad` on a *stateless* function, so the
step receives the model's variables as arguments and returns their new values. TensorFlow
records the forward pass with `tf.GradientTape`. PyTorch computes them with `loss.backward()`
and stores each gradient on its variable.

Each version below is written for one backend, and is labelled with it. It runs to completion
only there; on the two other backends it fails, for different reasons (each block was run on
every backend, and these are the errors it raised):

- On JAX, `fit()` calls the step as `train_step(state, data)` and expects `(logs, state)` back.
  The TensorFlow and PyTorch versions take only `data`, so on JAX they fail at once with a
  `TypeError` (one argument too many). The other way round, TensorFlow and PyTorch call
  `train_step(data)`, and the JAX version fails with a `TypeError` (missing argument `data`).
- The TensorFlow version on PyTorch: the call matches, but the model now computes with PyTorch
  tensors. `tf.GradientTape` records only TensorFlow operations, and `tape.gradient()` cannot
  even take the PyTorch loss: `TypeError`.
- The PyTorch version on TensorFlow: the call matches too, but a Keras model is a
  `torch.nn.Module` only on the PyTorch backend. Elsewhere it has no `zero_grad()` method:
  `AttributeError`.
"""

# %% tags=["only-jax"]
import jax


class JaxStepModel(DigitClassifier):
    def compute_loss_and_updates(self, trainable_variables, non_trainable_variables, x, y, training):
        y_pred, non_trainable_variables = self.stateless_call(
            trainable_variables, non_trainable_variables, x, training=training
        )
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        return loss, (y_pred, non_trainable_variables)

    def train_step(self, state, data):
        trainable_variables, non_trainable_variables, optimizer_variables, metrics_variables = state
        x, y = data
        grad_fn = jax.value_and_grad(self.compute_loss_and_updates, has_aux=True)
        (loss, (y_pred, non_trainable_variables)), grads = grad_fn(
            trainable_variables, non_trainable_variables, x, y, True
        )
        trainable_variables, optimizer_variables = self.optimizer.stateless_apply(
            optimizer_variables, grads, trainable_variables
        )
        new_metrics_variables = []
        logs = {}
        for metric in self.metrics:
            count = len(metric.variables)
            mine, metrics_variables = metrics_variables[:count], metrics_variables[count:]
            if metric.name == "loss":
                mine = metric.stateless_update_state(mine, loss)
            else:
                mine = metric.stateless_update_state(mine, y, y_pred)
            result = metric.stateless_result(mine)
            logs.update(result if isinstance(result, dict) else {metric.name: result})
            new_metrics_variables += mine
        state = (trainable_variables, non_trainable_variables, optimizer_variables, new_metrics_variables)
        return logs, state


step_model = JaxStepModel()
step_model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
step_history = step_model.fit(x_train[:4000], y_train[:4000], batch_size=128, epochs=1, verbose=2)

# %% tags=["only-tensorflow"]
import tensorflow as tf


class TensorFlowStepModel(DigitClassifier):
    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(grads, self.trainable_variables)
        logs = {}
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
            result = metric.result()
            logs.update(result if isinstance(result, dict) else {metric.name: result})
        return logs


step_model = TensorFlowStepModel()
step_model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
step_history = step_model.fit(x_train[:4000], y_train[:4000], batch_size=128, epochs=1, verbose=2)

# %% tags=["only-torch"]
import torch


class TorchStepModel(DigitClassifier):
    def train_step(self, data):
        x, y = data
        self.zero_grad()
        y_pred = self(x, training=True)
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        loss.backward()
        grads = [v.value.grad for v in self.trainable_weights]
        with torch.no_grad():
            self.optimizer.apply(grads, self.trainable_weights)
        logs = {}
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
            result = metric.result()
            logs.update(result if isinstance(result, dict) else {metric.name: result})
        return logs


step_model = TorchStepModel()
step_model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
step_history = step_model.fit(x_train[:4000], y_train[:4000], batch_size=128, epochs=1, verbose=2)

# %% [markdown]
"""
## Where to go next

- Customizing `fit()` in depth, per backend: [JAX](https://keras.io/guides/custom_train_step_in_jax/),
  [TensorFlow](https://keras.io/guides/custom_train_step_in_tensorflow/),
  [PyTorch](https://keras.io/guides/custom_train_step_in_torch/) (English).
- Writing a training loop from scratch: [JAX](https://keras.io/guides/writing_a_custom_training_loop_in_jax/),
  [TensorFlow](https://keras.io/guides/writing_a_custom_training_loop_in_tensorflow/),
  [PyTorch](https://keras.io/guides/writing_a_custom_training_loop_in_torch/) (English).
- Training on several devices: the [distribution API](https://keras.io/guides/distribution/)
  (`keras.distribution`: data and model parallelism), and distributed training per backend with
  [JAX](https://keras.io/guides/distributed_training_with_jax/),
  [TensorFlow](https://keras.io/guides/distributed_training_with_tensorflow/),
  [PyTorch](https://keras.io/guides/distributed_training_with_torch/) (English).
- The [researchers guide](intro_to_keras_for_researchers.md) on this site goes deeper into layers,
  losses, metrics and low-level training loops with TensorFlow.
"""
