# ---
# jupyter:
#   jupytext:
#     cell_markers: '"""'
#     formats: py:percent
#     notebook_metadata_filter: guide
#   guide:
#     title: The Sequential model
#     description: When a plain stack of layers is enough, and how to build, inspect, train and reuse one in Keras 3.
#     author: François Chollet
#     date_created: '2020-04-12'
#     last_modified: '2026-12-05'
#     original: https://keras.io/guides/sequential_model/
#     backends: [jax, tensorflow, torch]
#     timeout: 600
# ---

# %% [markdown]
"""
`keras.Sequential` is the shortest way to write a model in Keras: you list layers, and each
layer's output becomes the next layer's input. This page covers when that is enough, how to
build such a model and inspect it, how its weights come into existence, and how to reuse a
trained Sequential model for feature extraction and transfer learning.

!!! note "About this page"
    This page follows François Chollet's guide on keras.io, whose Keras 3 code (with `keras.ops`)
    runs on any backend; every code block here was run on JAX, TensorFlow **and** PyTorch. Where it
    departs from the original:

    - Keras 3 behaves differently from what the original describes in two places: reading
      `model.weights` on a model that is not built yet returns an empty list instead of raising,
      and `summary()` shows such a model with unknown shapes instead of failing. Passing
      `input_shape=` to a layer, which the original no longer mentions, still works but prints
      a warning; like the original, the page starts models with `keras.Input`, and it shows that
      warning.
    - The original only links to other guides in "What to do once you have a model"; here a
      small model is trained for 2 epochs on 10,000 MNIST images, evaluated, saved and reloaded.
    - The original shows the two transfer learning patterns as code that is not run, with an
      Xception base downloaded with ImageNet weights. Here both are run, and the "pretrained"
      network is the small MNIST model trained on this page, so nothing is downloaded; the new
      task of the second pattern is telling odd digits from even ones.
"""

# %% [markdown]
"""
## Setup
"""

# %%
import warnings

import numpy as np
import keras
from keras import layers

print("Keras", keras.__version__, "on", keras.backend.backend())

# %% [markdown]
"""
## When to use a Sequential model

A Sequential model fits **a straight stack of layers in which every layer takes exactly one
input tensor and returns exactly one output tensor**.

For example, this model of three `Dense` layers:
"""

# %%
model = keras.Sequential(
    [
        layers.Dense(2, activation="relu", name="first"),
        layers.Dense(3, activation="relu", name="second"),
        layers.Dense(4, name="third"),
    ]
)
x = keras.ops.ones((3, 3))  # a batch of 3 samples with 3 features each
y = model(x)
print("output shape:", tuple(y.shape))

# %% [markdown]
"""
computes the same thing as calling the three layers one after another, like nested functions:
"""

# %%
first = layers.Dense(2, activation="relu", name="first")
second = layers.Dense(3, activation="relu", name="second")
third = layers.Dense(4, name="third")

x = keras.ops.ones((3, 3))
y = third(second(first(x)))
print("output shape:", tuple(y.shape))

# %% [markdown]
"""
This is more than an analogy. A Sequential model built from these same three layer objects
reuses their weights, and it returns exactly the numbers the nested calls returned:
"""

# %%
same_layers = keras.Sequential([first, second, third])
print("same output:", np.allclose(keras.ops.convert_to_numpy(same_layers(x)), keras.ops.convert_to_numpy(y)))

# %% [markdown]
"""
A Sequential model is **the wrong tool** when:

- the model has several inputs or several outputs;
- one of its layers has several inputs or several outputs;
- a layer is shared, i.e. used at more than one place in the model;
- the data does not flow along a single line, as with a residual connection or parallel
  branches that are merged later.

For these, use the [functional API](https://keras.io/guides/functional_api/) or subclass
`keras.Model`.
"""

# %% [markdown]
"""
## Creating a Sequential model

The usual way is to pass the list of layers to the constructor:
"""

# %%
model = keras.Sequential(
    [
        layers.Dense(2, activation="relu"),
        layers.Dense(3, activation="relu"),
        layers.Dense(4),
    ]
)

# %% [markdown]
"""
The `layers` attribute gives them back, in order:
"""

# %%
model.layers

# %% [markdown]
"""
You can also start from an empty model and append layers one at a time with `add()`:
"""

# %%
model = keras.Sequential()
model.add(layers.Dense(2, activation="relu"))
model.add(layers.Dense(3, activation="relu"))
model.add(layers.Dense(4))
print("layers:", len(model.layers))

# %% [markdown]
"""
`pop()` removes the last layer again. In this respect a Sequential model behaves much like a
Python list of layers:
"""

# %%
model.pop()
print("layers after pop():", len(model.layers))

# %% [markdown]
"""
Like every layer and model in Keras, a Sequential model takes a `name` argument, and so do the
layers you put in it. Meaningful names make summaries, error messages and TensorBoard graphs
easier to read, and they let you look a layer up later:
"""

# %%
model = keras.Sequential(name="my_sequential")
model.add(layers.Dense(2, activation="relu", name="layer1"))
model.add(layers.Dense(3, activation="relu", name="layer2"))
model.add(layers.Dense(4, name="layer3"))
print("model:", model.name)
print("layers:", [layer.name for layer in model.layers])
print("looked up by name:", model.get_layer("layer2").name)

# %% [markdown]
"""
## Specifying the input shape in advance

A layer can only create its weights once it knows the shape of its input, because the shape of
the weights depends on it. A freshly created `Dense` layer therefore has no weights at all:
"""

# %%
layer = layers.Dense(3)
layer.weights

# %% [markdown]
"""
The first call on real data fixes the input shape, and the layer creates its weights then: a
kernel of shape (number of input features, 3) and a bias of shape (3,):
"""

# %%
y = layer(keras.ops.ones((1, 4)))
for weight in layer.weights:
    print(weight.path, weight.shape)

# %% [markdown]
"""
The same holds for a Sequential model. Created without an input shape, it is not *built*: none
of its layers has weights yet. In Keras 3, `model.weights` is then an empty list, and
`summary()` can show the layers but neither their output shapes nor their parameter counts:
"""

# %%
model = keras.Sequential(
    [
        layers.Dense(2, activation="relu"),
        layers.Dense(3, activation="relu"),
        layers.Dense(4),
    ]
)
print("built:", model.built)
print("weights:", model.weights)
model.summary()

# %% [markdown]
"""
Calling the model on a batch builds every layer in turn. Each `Dense` layer now has a kernel
and a bias, six weights in all:
"""

# %%
y = model(keras.ops.ones((1, 4)))
print("built:", model.built)
print("weights after the first call:", len(model.weights))

# %% [markdown]
"""
Once the model is built, `summary()` shows each layer's output shape and parameter count:
"""

# %%
model.summary()

# %% [markdown]
"""
When you build a model one layer at a time, though, you want to see the summary *while* you
add layers, output shapes included. For that, tell the model its input shape from the start by
making a `keras.Input` its first element:
"""

# %%
model = keras.Sequential()
model.add(keras.Input(shape=(4,)))
model.add(layers.Dense(2, activation="relu"))

model.summary()

# %% [markdown]
"""
`keras.Input` returns a symbolic tensor, not a layer. The model turns it into an `InputLayer`, but
`model.layers` leaves that layer out. The model is built right away:
"""

# %%
print(model.layers)
print("built:", model.built, "- weights:", len(model.weights))

# %% [markdown]
"""
Older code often passes the shape to the first layer instead, as `input_shape=(4,)`. Keras 3
still accepts this, but it warns that a `keras.Input` is preferred. The cell below records the
warning so that its text can be printed:
"""

# %%
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    legacy = keras.Sequential([layers.Dense(2, activation="relu", input_shape=(4,))])
print("built:", legacy.built)
for warning in caught:
    print(warning.category.__name__, "-", warning.message)

# %% [markdown]
"""
A model that knows its input shape has weights before it sees any data, and its output shape
is known too. So whenever you know the input shape of a Sequential model, start it with a
`keras.Input`.
"""

# %% [markdown]
"""
## A common debugging workflow: `add()` + `summary()`

While you design a new Sequential architecture, add the layers one at a time and print a
summary often. This is the easiest way, for example, to follow how a stack of
`Conv2D` and `MaxPooling2D` layers shrinks the feature maps of an image:
"""

# %%
model = keras.Sequential()
model.add(keras.Input(shape=(250, 250, 3)))  # RGB images of 250x250 pixels
model.add(layers.Conv2D(32, 5, strides=2, activation="relu"))
model.add(layers.Conv2D(32, 3, activation="relu"))
model.add(layers.MaxPooling2D(3))

# What is the output shape now? Rather than work it out by hand, print it:
model.summary()

# %% [markdown]
"""
The feature maps are 40x40 with 32 channels, still large, so we keep downsampling:
"""

# %%
model.add(layers.Conv2D(32, 3, activation="relu"))
model.add(layers.Conv2D(32, 3, activation="relu"))
model.add(layers.MaxPooling2D(3))
model.add(layers.Conv2D(32, 3, activation="relu"))
model.add(layers.Conv2D(32, 3, activation="relu"))
model.add(layers.MaxPooling2D(2))

# And now?
model.summary()

# %% [markdown]
"""
At 4x4, global max pooling reduces each feature map to a single number, and a `Dense` layer
on top classifies the image into 10 classes:
"""

# %%
model.add(layers.GlobalMaxPooling2D())
model.add(layers.Dense(10))
print("output shape:", model.output_shape)
print("parameters:", model.count_params())

# %% [markdown]
"""
## What to do once you have a model

Once the architecture is settled, you will usually want to:

- train the model, evaluate it and run inference: see the guide to
  [training and evaluation with the built-in methods](https://keras.io/guides/training_with_built_in_methods/);
- save it to disk and load it back: see the guide to
  [saving and serialization](https://keras.io/guides/serialization_and_saving/);
- speed up training on several GPUs: see the guide to
  [distributed training](https://keras.io/guides/distributed_training/).

Here is a short version of the first two. The data are MNIST digits, each 28x28 image flattened
into 784 values between 0 and 1; the model is a small stack of `Dense` layers. To keep the page
fast, it trains on 10,000 of the 60,000 training images for 2 epochs.
"""

# %%
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train[:10000].reshape(-1, 784).astype("float32") / 255
y_train = y_train[:10000]
x_test = x_test.reshape(-1, 784).astype("float32") / 255
print("training data:", x_train.shape, y_train.shape)
print("test data:", x_test.shape, y_test.shape)


def make_mlp():
    return keras.Sequential(
        [
            keras.Input(shape=(784,)),
            layers.Dense(32, activation="relu"),
            layers.Dense(32, activation="relu"),
            layers.Dense(32, activation="relu"),
            layers.Dense(10),
        ],
        name="mnist_mlp",
    )


mlp = make_mlp()
mlp.compile(
    optimizer="adam",
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
history = mlp.fit(x_train, y_train, batch_size=64, epochs=2, validation_split=0.1, verbose=2)

# %% [markdown]
"""
`evaluate()` measures the trained model on the 10,000 test images it has never seen, and
`predict()` returns its outputs: one score (a logit) per digit, the largest being the
predicted digit:
"""

# %% tags=["tolerance-training"]
test_loss, test_accuracy = mlp.evaluate(x_test, y_test, batch_size=1000, verbose=0)
print(f"test loss: {test_loss:.3f}, test accuracy: {test_accuracy:.3f}")

logits = mlp.predict(x_test[:10], verbose=0)
print("logits array shape:", logits.shape)
print("predicted:", logits.argmax(axis=1))
print("actual:   ", y_test[:10])

# %% [markdown]
"""
`save()` writes the whole model (architecture, weights and compile settings) to a `.keras` file,
and `keras.saving.load_model()` rebuilds it. `save_weights()` stores only the weights; we keep
them for the transfer learning section below.
"""

# %%
mlp.save("mnist_mlp.keras")
mlp.save_weights("mnist_mlp.weights.h5")

restored = keras.saving.load_model("mnist_mlp.keras")
print("restored:", restored.name, "- layers:", len(restored.layers))
print("same predictions:", np.allclose(restored.predict(x_test[:10], verbose=0), logits, atol=1e-5))

# %% [markdown]
"""
## Feature extraction with a Sequential model

Once a Sequential model is built, it works like a [functional API](https://keras.io/guides/functional_api/)
model: the model has `inputs` and `outputs`, and each of its layers has an `input` and an
`output`. With these you can, for example, make a model that returns the output of every
intermediate layer of a Sequential model:
"""

# %%
initial_model = keras.Sequential(
    [
        keras.Input(shape=(250, 250, 3)),
        layers.Conv2D(32, 5, strides=2, activation="relu"),
        layers.Conv2D(32, 3, activation="relu"),
        layers.Conv2D(32, 3, activation="relu"),
    ]
)
feature_extractor = keras.Model(
    inputs=initial_model.inputs,
    outputs=[layer.output for layer in initial_model.layers],
)

features = feature_extractor(keras.ops.ones((1, 250, 250, 3)))
for layer, feature in zip(initial_model.layers, features):
    print(layer.name, tuple(feature.shape))

# %% [markdown]
"""
Or only the output of one layer, found by its name:
"""

# %%
initial_model = keras.Sequential(
    [
        keras.Input(shape=(250, 250, 3)),
        layers.Conv2D(32, 5, strides=2, activation="relu"),
        layers.Conv2D(32, 3, activation="relu", name="my_intermediate_layer"),
        layers.Conv2D(32, 3, activation="relu"),
    ]
)
feature_extractor = keras.Model(
    inputs=initial_model.inputs,
    outputs=initial_model.get_layer(name="my_intermediate_layer").output,
)

features = feature_extractor(keras.ops.ones((1, 250, 250, 3)))
print("features:", tuple(features.shape))
print(
    "same layer object:",
    feature_extractor.get_layer("my_intermediate_layer") is initial_model.get_layer("my_intermediate_layer"),
)

# %% [markdown]
"""
The extractor copies nothing: its layers are the layer objects of `initial_model`, with the
same weights, so training one trains the other.
"""

# %% [markdown]
"""
## Transfer learning with a Sequential model

Transfer learning takes a model trained on one task, freezes its lower layers and trains only
the layers on top, often on a new task with little data. The guide to
[transfer learning and fine-tuning](https://keras.io/guides/transfer_learning/) explains it in
detail. Two patterns come up again and again with Sequential models.

**Freeze everything except the last layer.** Load the pretrained weights, go through
`model.layers` and set `trainable = False` on every layer but the last one, then compile the
model and train it: only the last layer's weights change. Our "pretrained" weights are the ones the MNIST
model saved above:
"""

# %%
model = make_mlp()
model.load_weights("mnist_mlp.weights.h5")

# Freeze every layer except the last one.
for layer in model.layers[:-1]:
    layer.trainable = False

print("trainable weights:", [w.path for w in model.trainable_weights])
print("frozen weights:", len(model.non_trainable_weights))

frozen_kernel = keras.ops.convert_to_numpy(model.layers[0].kernel)
model.compile(
    optimizer="adam",
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
head_history = model.fit(x_train, y_train, batch_size=64, epochs=1, verbose=2)
print("first layer unchanged:", np.array_equal(keras.ops.convert_to_numpy(model.layers[0].kernel), frozen_kernel))

# %% [markdown]
"""
Keras 3 fixes which weights get trained when the first `fit()` after `compile()` builds the
training step and the optimizer, and `compile()` starts that over. That is why the loop above
comes before `compile()`. If you change `trainable` on a model that you have already trained, call
`compile()` again, with a new optimizer (a string such as `"adam"` makes one), before you train it
further: otherwise `fit()` ignores the change on TensorFlow and stops with an error on JAX (only
PyTorch picks the change up on its own).

**Stack a frozen base model and a new head.** The base model is a pretrained network that turns
an input into features, and a Sequential model puts freshly initialized layers on top of it. In
practice the base is often a convolutional network from `keras.applications`, loaded with
`weights="imagenet"`. To download nothing, our base is the trained MNIST model without its last
layer, built with the feature extraction trick above. The new task is to tell odd digits from
even ones, and the new head has a hidden layer and a single sigmoid output:
"""

# %%
base_model = keras.Model(inputs=mlp.inputs, outputs=mlp.layers[-2].output, name="base")
base_model.trainable = False  # freezes every layer of the base model

model = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        base_model,
        layers.Dense(32, activation="relu"),
        layers.Dense(1, activation="sigmoid"),
    ]
)
print("trainable weights:", len(model.trainable_weights), "- frozen weights:", len(model.non_trainable_weights))

model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
parity_history = model.fit(x_train, y_train % 2, batch_size=64, epochs=2, verbose=2)

# %% [markdown]
"""
The frozen base was trained to recognize digits, not their parity. Its 32 features are still
enough for the small head to learn the new task, and to get it right on test images it never saw:
"""

# %% tags=["tolerance-training"]
parity_loss, parity_accuracy = model.evaluate(x_test, y_test % 2, batch_size=1000, verbose=0)
print(f"odd/even test accuracy: {parity_accuracy:.3f}")

# %% [markdown]
"""
If you do transfer learning, you will find yourself using these two patterns all the time.
"""

# %% [markdown]
"""
## Where to go next

That is most of what there is to know about Sequential models. To build other kinds of models
in Keras, read:

- the guide to the [functional API](https://keras.io/guides/functional_api/);
- the guide to [making new layers and models via subclassing](https://keras.io/guides/making_new_layers_and_models_via_subclassing/);
- on this site, the [introduction to Keras for engineers](intro_to_keras_for_engineers.md), which
  writes one model three ways (Sequential, functional, subclassed) and trains it on every backend.
"""
