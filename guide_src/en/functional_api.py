# ---
# jupyter:
#   jupytext:
#     cell_markers: '"""'
#     formats: py:percent
#     notebook_metadata_filter: guide
#   guide:
#     title: The Functional API
#     description: Build Keras 3 models as graphs of layers, with several inputs and outputs, shared layers, residual connections and nested models.
#     author: François Chollet
#     date_created: '2019-03-01'
#     last_modified: '2026-12-05'
#     original: https://keras.io/guides/functional_api/
#     backends: [jax, tensorflow, torch]
#     timeout: 600
# ---

# %% [markdown]
"""
The functional API builds a Keras model by calling layers on symbolic inputs and then naming
which tensors are the model's inputs and outputs. It covers everything `keras.Sequential` does,
and also models that are not a single straight line: several inputs or outputs, layers used more
than once, branches that merge again, and models used inside other models.

!!! note "About this page"
    This page follows François Chollet's guide on keras.io, written again for Keras 3 with
    backend-agnostic code (`keras.ops` instead of TensorFlow functions); every code block was run on
    JAX, TensorFlow **and** PyTorch. Where it departs from the original:

    - The MNIST model trains on 12,000 of the 60,000 training images (2 epochs), so that the page
      runs in well under a minute on a 2-core CPU.
    - The original trains its small ResNet on CIFAR-10, which would have to be downloaded. Here the
      ResNet reads MNIST digits instead (28x28 grayscale images rather than 32x32 color ones), one
      epoch on 1,000 images.
    - The original extracts features from VGG19 with ImageNet weights, a download of about
      550 MB. Here the features come from the small ResNet trained on this page; the mechanism is
      the same for any functional model, `keras.applications` models included.
    - The ticket-routing model is smaller (a vocabulary of 2,000 words, 512 random tickets), and
      its department targets are one-hot vectors, as the categorical cross-entropy loss expects.
    - The hand-written recurrent layer reads the batch size from its input (`ops.shape`), so unlike
      the original it does not need an input with a fixed batch size.
    - A few checks are added: that two models built from one graph share their layers, that an
      ensemble really averages its members, that a shared layer holds a single set of weights,
      and what happens when layers do not fit together.
"""

# %% [markdown]
"""
## Setup
"""

# %%
import numpy as np
import keras
from keras import layers, ops

print("Backend:", keras.backend.backend())

# %% [markdown]
"""
## Introduction

Most deep learning models are a *directed acyclic graph* (DAG) of layers: data flows from the
inputs through the layers to the outputs, and never goes back to a layer it already passed. The
functional API is a way to write down such a graph. A `Sequential` model can only express the
special case where the graph is a single chain.

Take a classifier for 28x28 digit images flattened into 784 numbers:

```text
input: a vector of 784 pixel values
  -> Dense, 64 units, ReLU
  -> Dense, 64 units, ReLU
  -> Dense, 10 units (one logit per digit)
output: 10 logits
```

That graph has three layers. In the functional API you start from an input node made with
`keras.Input`:
"""

# %%
inputs = keras.Input(shape=(784,), name="pixels")

# %% [markdown]
"""
`shape` describes one sample, never the batch: the batch size is left open, so a model can later
take batches of any size. An input of color images of 32x32 pixels would be
`keras.Input(shape=(32, 32, 3))`.

`inputs` is a symbolic tensor (a `KerasTensor`): it holds no data, only the shape and `dtype` of
what the model will receive. The unknown batch dimension shows as `None`:
"""

# %%
print("shape:", inputs.shape)
print("dtype:", inputs.dtype)
print(type(inputs).__name__)

# %% [markdown]
"""
Calling a layer on `inputs` adds a node to the graph and returns a new symbolic tensor: its
output. The call draws an arrow from `inputs` to the layer. No computation happens yet; Keras only
works out the shape of the result.
"""

# %%
hidden = layers.Dense(64, activation="relu")
x = hidden(inputs)
print("after the first Dense layer:", x.shape)

# %% [markdown]
"""
Add the two other layers the same way, then create the `keras.Model` by naming its inputs and its
outputs. Keras follows the graph from the outputs back to the inputs and collects the layers in
between.
"""

# %%
x = layers.Dense(64, activation="relu")(x)
outputs = layers.Dense(10)(x)

model = keras.Model(inputs=inputs, outputs=outputs, name="mnist_mlp")
model.summary()

# %% [markdown]
"""
Because the model is a graph, Keras can draw it. `keras.utils.plot_model` writes the picture to a
file (it needs the `pydot` package and Graphviz) and returns it, so a notebook shows it:
"""

# %%
keras.utils.plot_model(model, "mnist_mlp.png")

# %% [markdown]
"""
With `show_shapes=True`, every box also shows the shapes of the tensors that go in and come out:
"""

# %%
keras.utils.plot_model(model, "mnist_mlp_with_shapes.png", show_shapes=True)

# %% [markdown]
"""
The drawing and the code say the same thing: each arrow in the figure is one layer call in the
code. Thinking of a model as a graph of layers is a good mental picture, and the functional API
lets you write the model exactly as you picture it.
"""

# %% [markdown]
"""
## Training, evaluation and inference

A functional model is a `keras.Model` like any other, so it trains, evaluates and predicts exactly
as a `Sequential` model does: `compile()` sets the optimizer, loss and metrics, `fit()` runs the
built-in training loop, `evaluate()` the built-in evaluation loop and `predict()` the inference
loop. To train on something other than input-target pairs (a GAN, for instance), you can
[change what `fit()` does](https://keras.io/guides/custom_train_step_in_jax/) (keras.io has that
guide for each backend) and keep the rest.

Load MNIST, flatten each image into a vector of 784 values between 0 and 1, and train for two
epochs while holding back 20% of the training images for validation:
"""

# %%
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train[:12000].reshape(-1, 784).astype("float32") / 255
y_train = y_train[:12000]
x_test = x_test.reshape(-1, 784).astype("float32") / 255
print("training:", x_train.shape, "test:", x_test.shape)

model.compile(
    optimizer=keras.optimizers.RMSprop(),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
history = model.fit(x_train, y_train, batch_size=64, epochs=2, validation_split=0.2, verbose=2)

# %% [markdown]
"""
Then measure the model on the 10,000 test images it has never seen, and ask it for the digits in
the first five of them. The last layer has no activation, so the model returns logits; the
largest logit marks the predicted digit.
"""

# %% tags=["tolerance-training"]
test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"test loss: {test_loss:.4f}")
print(f"test accuracy: {test_accuracy:.4f}")

logits = model.predict(x_test[:5], verbose=0)
print("logits:", logits.shape)
print("predicted:", logits.argmax(axis=1))
print("true:     ", y_test[:5])

# %% [markdown]
"""
## Saving and serialization

Saving works the same way as for `Sequential` models too. `model.save()` writes the whole model to
a single `.keras` file, from which `keras.saving.load_model()` rebuilds it, even where the code
that built the model is not available. The file holds:

- the architecture of the model (its graph of layers),
- the values of its weights, as training left them,
- its training configuration, if it was compiled (what was passed to `compile()`),
- the optimizer and its state, so that training can resume where it stopped.
"""

# %%
model.save("mnist_mlp.keras")
del model

model = keras.saving.load_model("mnist_mlp.keras")
print("name:", model.name)
print("same predictions:", np.allclose(model.predict(x_test[:5], verbose=0), logits, atol=1e-5))
print("optimizer:", type(model.optimizer).__name__, "after", int(model.optimizer.iterations), "steps")

# %% [markdown]
"""
The reloaded model predicts what the saved one did, and its optimizer remembers the 300 steps it
took (2 epochs of 150 batches of 64 images). The [serialization and saving
guide](https://keras.io/guides/serialization_and_saving/) goes into the details.
"""

# %% [markdown]
"""
## One graph of layers, several models

A functional model is defined by the inputs and outputs you hand to `keras.Model`. Nothing stops
you from handing different tensors of the same graph to several models.

Below, one stack of layers defines two models: an `encoder` that turns a 28x28 image into a vector
of 16 numbers, and an `autoencoder` that continues from that vector back to an image of the
original size, which you would train end to end.
"""

# %%
image_input = keras.Input(shape=(28, 28, 1), name="image")
x = layers.Conv2D(16, 3, padding="same", activation="relu")(image_input)
x = layers.MaxPooling2D(2)(x)
x = layers.Conv2D(32, 3, padding="same", activation="relu")(x)
x = layers.MaxPooling2D(2)(x)
x = layers.Flatten()(x)
code = layers.Dense(16, activation="relu", name="code")(x)

encoder = keras.Model(image_input, code, name="encoder")
encoder.summary()

# %%
x = layers.Dense(7 * 7 * 32, activation="relu")(code)
x = layers.Reshape((7, 7, 32))(x)
x = layers.UpSampling2D(2)(x)
x = layers.Conv2DTranspose(16, 3, padding="same", activation="relu")(x)
x = layers.UpSampling2D(2)(x)
reconstruction = layers.Conv2DTranspose(1, 3, padding="same", activation="sigmoid")(x)

autoencoder = keras.Model(image_input, reconstruction, name="autoencoder")
autoencoder.summary()

# %% [markdown]
"""
The decoding half mirrors the encoding half, so the output has the shape of the input,
`(28, 28, 1)`. `Conv2DTranspose` is the counterpart of `Conv2D`, and `UpSampling2D` undoes the
downsampling of `MaxPooling2D` (it repeats each pixel rather than recovering the lost ones).

The two models do not hold copies of the layers: they hold the same layer objects, so training the
autoencoder also trains the encoder.
"""

# %%
print("shared layers:", sum(layer in autoencoder.layers for layer in encoder.layers), "of", len(encoder.layers))
print("same weights:", encoder.get_layer("code").kernel is autoencoder.get_layer("code").kernel)

# %% [markdown]
"""
## All models are callable, just like layers

A model can be used like a layer: call it on a `keras.Input` or on the output of another layer.
Calling a model reuses its architecture **and** its weights.

Here is the autoencoder again, this time as two separate models, an encoder and a decoder, which a
third model chains in two calls:
"""

# %%
def build_encoder():
    image = keras.Input(shape=(28, 28, 1), name="original_image")
    x = layers.Conv2D(16, 3, padding="same", activation="relu")(image)
    x = layers.MaxPooling2D(2)(x)
    x = layers.Conv2D(32, 3, padding="same", activation="relu")(x)
    x = layers.MaxPooling2D(2)(x)
    x = layers.Flatten()(x)
    return keras.Model(image, layers.Dense(16, activation="relu")(x), name="encoder")


def build_decoder():
    code = keras.Input(shape=(16,), name="encoded_image")
    x = layers.Dense(7 * 7 * 32, activation="relu")(code)
    x = layers.Reshape((7, 7, 32))(x)
    x = layers.UpSampling2D(2)(x)
    x = layers.Conv2DTranspose(16, 3, padding="same", activation="relu")(x)
    x = layers.UpSampling2D(2)(x)
    image = layers.Conv2DTranspose(1, 3, padding="same", activation="sigmoid")(x)
    return keras.Model(code, image, name="decoder")


encoder = build_encoder()
decoder = build_decoder()

image = keras.Input(shape=(28, 28, 1), name="image")
autoencoder = keras.Model(image, decoder(encoder(image)), name="autoencoder")
autoencoder.summary()

# %% [markdown]
"""
In the summary, the encoder and the decoder each show up as a single layer: models nest, because a
model is a kind of layer.

A common use of nesting is an *ensemble*: several models look at the same input, and one model
combines their answers. The ensemble below averages the predictions of three small models. Each
member keeps its own weights; the ensemble only adds an `Average` layer, which has none.
"""

# %%
def build_member():
    features = keras.Input(shape=(32,))
    hidden = layers.Dense(16, activation="relu")(features)
    return keras.Model(features, layers.Dense(1)(hidden))


members = [build_member() for _ in range(3)]

features = keras.Input(shape=(32,))
averaged = layers.Average()([member(features) for member in members])
ensemble = keras.Model(features, averaged, name="ensemble")

batch = np.random.default_rng(0).normal(size=(4, 32)).astype("float32")
separate = np.mean([ops.convert_to_numpy(member(batch)) for member in members], axis=0)
print("ensemble output shape:", tuple(ensemble(batch).shape))
print("equals the mean of the members:", np.allclose(ops.convert_to_numpy(ensemble(batch)), separate, atol=1e-6))
print("weights:", len(ensemble.weights), "(2 per Dense layer, 2 Dense layers per member)")

# %% [markdown]
"""
## Manipulating complex graph topologies

### Models with several inputs and outputs

The functional API handles several inputs and outputs with no extra effort, which a `Sequential`
model cannot do at all.

Say you build a system that ranks customer support tickets by priority and sends each one to the
right department. Its model takes three inputs:

- the title of the ticket (text),
- the body of the ticket (text),
- the tags the customer picked (categorical: each tag is on or off),

and gives two outputs:

- a priority score between 0 and 1 (the model returns its logit, which a sigmoid turns into the
  score),
- the department that should handle the ticket (one logit per department, which a softmax turns
  into probabilities).

Texts arrive as sequences of word indices of any length, hence `shape=(None,)`. An `Embedding`
layer turns each word into a vector and an `LSTM` layer reads each sequence into one vector; the
three results are concatenated, and each output is a `Dense` layer on top of that vector. Naming
the inputs and the output layers pays off when the data comes in.
"""

# %%
num_tags = 12  # distinct tags a customer can pick
vocabulary_size = 2000  # words known to the text preprocessing
num_departments = 4  # departments a ticket can go to

title_input = keras.Input(shape=(None,), dtype="int32", name="title")  # word indices, any length
body_input = keras.Input(shape=(None,), dtype="int32", name="body")  # word indices, any length
tags_input = keras.Input(shape=(num_tags,), name="tags")  # 1.0 where a tag is set, else 0.0

# Each word of the title and of the body becomes a 32-dimensional vector.
title_features = layers.Embedding(vocabulary_size, 32)(title_input)
body_features = layers.Embedding(vocabulary_size, 32)(body_input)

# Each sequence of word vectors becomes one vector: 32 numbers for the title, 16 for the body.
title_features = layers.LSTM(32)(title_features)
body_features = layers.LSTM(16)(body_features)

# All the features side by side in one vector.
x = layers.Concatenate()([title_features, body_features, tags_input])

# One logit for the priority, one logit per department.
priority_output = layers.Dense(1, name="priority")(x)
department_output = layers.Dense(num_departments, name="department")(x)

ticket_model = keras.Model(
    inputs=[title_input, body_input, tags_input],
    outputs=[priority_output, department_output],
    name="ticket_router",
)

# %% [markdown]
"""
The figure shows the three branches meeting in the `Concatenate` layer and splitting again into
the two outputs:
"""

# %%
keras.utils.plot_model(ticket_model, "ticket_router.png", show_shapes=True, show_layer_names=True)

# %% [markdown]
"""
Each output can have its own loss. `loss_weights` scales each loss before they are added up into
the total loss that training minimizes, so you decide how much each task counts. Lists follow the
order of the model's outputs:
"""

# %%
ticket_model.compile(
    optimizer=keras.optimizers.RMSprop(1e-3),
    loss=[
        keras.losses.BinaryCrossentropy(from_logits=True),
        keras.losses.CategoricalCrossentropy(from_logits=True),
    ],
    loss_weights=[1.0, 0.2],
)

# %% [markdown]
"""
Since the output layers have names, dictionaries keyed by those names say the same thing and do not
depend on the order:
"""

# %%
ticket_model.compile(
    optimizer=keras.optimizers.RMSprop(1e-3),
    loss={
        "priority": keras.losses.BinaryCrossentropy(from_logits=True),
        "department": keras.losses.CategoricalCrossentropy(from_logits=True),
    },
    loss_weights={"priority": 1.0, "department": 0.2},
)
print("outputs:", ticket_model.output_names)

# %% [markdown]
"""
To train, pass the inputs and the targets as NumPy arrays, in lists or, as here, in dictionaries
keyed by the names of the inputs and of the outputs. The data below is random, made up only to show
the shapes: 512 tickets with titles of 6 words and bodies of 24.
"""

# %%
rng = np.random.default_rng(0)
num_tickets = 512
title_data = rng.integers(vocabulary_size, size=(num_tickets, 6)).astype("int32")
body_data = rng.integers(vocabulary_size, size=(num_tickets, 24)).astype("int32")
tags_data = rng.integers(2, size=(num_tickets, num_tags)).astype("float32")

priority_targets = rng.random(size=(num_tickets, 1)).astype("float32")
department_targets = keras.utils.to_categorical(rng.integers(num_departments, size=num_tickets), num_departments)

history = ticket_model.fit(
    {"title": title_data, "body": body_data, "tags": tags_data},
    {"priority": priority_targets, "department": department_targets},
    epochs=2,
    batch_size=32,
    verbose=2,
)

# %% [markdown]
"""
The log shows the total loss and the loss of each output. A `tf.data.Dataset` (or a PyTorch
`DataLoader`, or a Python generator) works the same way when each element it yields is a pair of
such structures: lists, as in `([title, body, tags], [priority, department])`, or dictionaries,
as in `({"title": ..., "body": ..., "tags": ...}, {"priority": ..., "department": ...})`.
"""

# %% [markdown]
"""
### A small ResNet

Besides several inputs and outputs, the functional API handles layers that are not connected one
after the other, which `Sequential` cannot express either. The best-known case is the *residual
connection*: a block's input is added to its output, so the signal (and the gradient) can skip
the block.

The function below adds one residual block to a graph: two convolutions, then the sum of their
result and the block's input. The convolutions keep the spatial size (`padding="same"`) and the
number of channels, so the two tensors can be added. The model stacks two such blocks after a
first convolution and a pooling layer.
"""

# %%
def residual_block(x, filters):
    shortcut = x
    x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
    x = layers.Conv2D(filters, 3, padding="same")(x)
    return layers.Activation("relu")(layers.Add()([x, shortcut]))


digits = keras.Input(shape=(28, 28, 1), name="digit")
x = layers.Conv2D(16, 3, activation="relu")(digits)
x = layers.MaxPooling2D(2)(x)
x = residual_block(x, 16)
x = residual_block(x, 16)
x = layers.Conv2D(32, 3, activation="relu")(x)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.3)(x)
digit_logits = layers.Dense(10)(x)

resnet = keras.Model(digits, digit_logits, name="small_resnet")
resnet.summary()

# %% [markdown]
"""
In the figure, each shortcut is an arrow that goes around two convolutions to an `Add` layer:
"""

# %%
keras.utils.plot_model(resnet, "small_resnet.png", show_shapes=True)

# %% [markdown]
"""
Train it for one epoch on 1,000 MNIST images, reshaped back from vectors to 28x28 images with one
channel. After so few steps its accuracy is still close to chance (10%): this run only shows that a
graph with shortcuts trains like any other model. Train longer, on all the images, for a real
classifier.
"""

# %%
images = x_train[:1000].reshape(-1, 28, 28, 1)
labels = y_train[:1000]

resnet.compile(
    optimizer=keras.optimizers.RMSprop(1e-3),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
history = resnet.fit(images, labels, batch_size=64, epochs=1, validation_split=0.2, verbose=2)

# %% [markdown]
"""
## Shared layers

Another strength of the functional API is *shared layers*: one layer instance called several times
in the same model. Every call uses the same weights, so a shared layer learns from all the paths
of the graph that pass through it.

Shared layers often encode inputs of the same kind, for instance two texts written with the same
vocabulary. What the layer learns about a word from one input then serves the other input too,
and the model needs less data to learn it.

To share a layer, call the same instance more than once. Below, one `Embedding` layer encodes two
texts, and one pooling layer turns each sequence of word vectors into a single vector. The model
compares the two texts by the cosine of the angle between those vectors (`Dot` with
`normalize=True`).
"""

# %%
shared_embedding = layers.Embedding(1000, 64, name="shared_embedding")  # 1,000 words, 64 numbers each
shared_pooling = layers.GlobalAveragePooling1D(name="shared_pooling")

text_a = keras.Input(shape=(None,), dtype="int32", name="text_a")  # word indices, any length
text_b = keras.Input(shape=(None,), dtype="int32", name="text_b")

# The same layers, called once for each text.
vector_a = shared_pooling(shared_embedding(text_a))
vector_b = shared_pooling(shared_embedding(text_b))
similarity = layers.Dot(axes=1, normalize=True, name="cosine")([vector_a, vector_b])

similarity_model = keras.Model([text_a, text_b], similarity, name="text_similarity")
print("layers:", [layer.name for layer in similarity_model.layers])
print("weights:", [tuple(w.shape) for w in similarity_model.weights])

# %% [markdown]
"""
The embedding layer appears once and holds a single table of 1,000 x 64 weights, although the graph
passes through it twice. In the figure it is one box with two incoming arrows, one per text. Its
two outputs are drawn as a single arrow into the pooling layer, and the pooling layer's two outputs as
a single arrow into `Dot`; the figure draws one arrow per pair of layers, not one per call:
"""

# %%
keras.utils.plot_model(similarity_model, "text_similarity.png", show_shapes=True, show_layer_names=True)

# %% [markdown]
"""
A text compared with itself has a cosine similarity of 1, whatever the (here untrained) weights:
"""

# %%
sentence = np.array([[5, 17, 42, 8]], dtype="int32")
other = np.array([[301, 7, 999, 64]], dtype="int32")
print("same text:", np.round(ops.convert_to_numpy(similarity_model([sentence, sentence])), 4))
print("shape for two texts:", tuple(similarity_model([sentence, other]).shape))

# %% [markdown]
"""
## Extracting and reusing nodes of the graph

The graph of layers of a functional model is a static data structure: you can walk through it and
inspect it. That is how `plot_model` draws it. It also means you can reach the output of any
intermediate layer (a node of the graph) and use it in a new model, which is what feature
extraction needs.

Take the small ResNet trained above. Each layer's `output` attribute is the symbolic tensor that
layer produced when the graph was built:
"""

# %%
feature_tensors = [layer.output for layer in resnet.layers]
print("layers:", len(feature_tensors), "- first output:", feature_tensors[0].shape, "- last output:", feature_tensors[-1].shape)

# %% [markdown]
"""
A new model from the same input to all of those tensors returns, for each image, the activations
of every layer at once. It reuses the trained weights; nothing is copied or retrained.
"""

# %%
feature_extractor = keras.Model(inputs=resnet.input, outputs=feature_tensors)

activations = feature_extractor(images[:2])
for layer, activation in zip(resnet.layers, activations):
    print(f"{layer.name:<26} {tuple(activation.shape)}")

# %% [markdown]
"""
Models from `keras.applications` are functional models too, so the same two lines give the
intermediate activations of, say, VGG19. Style transfer, which compares images by the activations
of several layers of a trained network, is built this way.
"""

# %% [markdown]
"""
## Extending the API with custom layers

`keras.layers` has a wide range of built-in layers, for example:

- convolution layers: `Conv1D`, `Conv2D`, `Conv3D`, `Conv2DTranspose`;
- pooling layers: `MaxPooling1D`, `MaxPooling2D`, `MaxPooling3D`, `AveragePooling1D`;
- recurrent layers: `GRU`, `LSTM`, `ConvLSTM2D`;
- `BatchNormalization`, `Dropout`, `Embedding` and many more.

When none of them does what you need, write your own by subclassing `keras.layers.Layer`:

- `call()` says what the layer computes;
- `build()` creates its weights, once the shape of its input is known (you could also create them
  in `__init__` when you know the shapes there; `build()` is the convention).

Written with `keras.ops`, the layer runs on every backend. The layer below is a plain version of
`Dense`; the [engineers guide](intro_to_keras_for_engineers.md) writes more layers from scratch.
"""

# %%
class SimpleDense(layers.Layer):
    def __init__(self, units=32, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b


vector = keras.Input(shape=(4,))
custom_model = keras.Model(vector, SimpleDense(10)(vector))
print("output shape:", custom_model.output.shape, "weights:", [tuple(w.shape) for w in custom_model.weights])

# %% [markdown]
"""
To serialize a model, Keras stores the configuration of each layer: a dictionary from which the
layer can be built again. Keras 3 records the arguments of a layer's constructor on its own when
they are plain values (numbers, strings, lists of them), so the model above could already be
serialized. Writing a `get_config()` method makes the configuration explicit, and it is required as
soon as a constructor argument is something else, such as another layer. It returns the
constructor's arguments together with those of the base class (the layer's name, its dtype and so
on). When you rebuild a model from its configuration, `custom_objects` tells Keras which class the
name `SimpleDense` stands for:
"""

# %%
class SimpleDense(layers.Layer):
    def __init__(self, units=32, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b

    def get_config(self):
        return {**super().get_config(), "units": self.units}


vector = keras.Input(shape=(4,))
custom_model = keras.Model(vector, SimpleDense(10, name="simple_dense")(vector))
config = custom_model.get_config()

rebuilt = keras.Model.from_config(config, custom_objects={"SimpleDense": SimpleDense})
print("rebuilt layer:", type(rebuilt.get_layer("simple_dense")).__name__, rebuilt.get_layer("simple_dense").units)

# %% [markdown]
"""
The configuration describes the architecture, not the weights: `rebuilt` starts with freshly
initialized weights. (Copy them over with `rebuilt.set_weights(custom_model.get_weights())`, or save
the whole model to a `.keras` file.)

A layer can also define the class method `from_config(cls, config)`, which builds a layer from such
a dictionary. The default one comes down to the code below (it also turns a stored dtype back into
a dtype policy), which is enough whenever the dictionary holds exactly the constructor's arguments:

```python
@classmethod
def from_config(cls, config):
    return cls(**config)
```
"""

# %% [markdown]
"""
## When to use the functional API

Should you build a new model with the functional API, or subclass `keras.Model` directly? In
general the functional API is higher level, easier and safer, and its models have features that
subclassed models lack.

Subclassing is more flexible, though: it can express models that are not a directed acyclic graph
of layers. A Tree-RNN, for example, whose structure follows the parse tree of each input sentence,
cannot be written with the functional API; you would subclass `keras.Model`.

### Strengths of the functional API

The properties below hold for `Sequential` models as well (they are data structures too), but not
for subclassed models, which are Python code rather than data structures.

#### Less verbose

No `super().__init__(...)`, no `def call(self, ...)`. Here is a small multilayer perceptron as a
functional model:
"""

# %%
mlp_inputs = keras.Input(shape=(32,))
x = layers.Dense(64, activation="relu")(mlp_inputs)
functional_mlp = keras.Model(mlp_inputs, layers.Dense(10)(x))

# %% [markdown]
"""
And the same network as a subclassed model. It has no weights until it is called once on data,
because only then does it learn the shape of its input:
"""

# %%
class MLP(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = layers.Dense(64, activation="relu")
        self.classifier = layers.Dense(10)

    def call(self, inputs):
        return self.classifier(self.hidden(inputs))


subclassed_mlp = MLP()
print("weights before the first call:", len(subclassed_mlp.weights))
subclassed_mlp(ops.zeros((1, 32)))
print("weights after the first call:", len(subclassed_mlp.weights))
print("parameters:", subclassed_mlp.count_params(), "vs", functional_mlp.count_params())

# %% [markdown]
"""
#### Checks while the graph is being built

In the functional API the input's specification (shape and dtype) is known from the start, from
`keras.Input`. Each time you call a layer, the layer checks that what it receives fits what it
expects, and raises a clear error if it does not.

So a model that you managed to build with the functional API will run. All debugging other than
debugging of training itself (convergence) happens while you build the model, not when it runs,
much like type checking in a compiler. For example, a sum of two tensors of different shapes fails
at the line that builds it, before any data goes through the model:
"""

# %%
image = keras.Input(shape=(28, 28, 1))
valid = layers.Conv2D(16, 3)(image)  # no padding: 26x26
same = layers.Conv2D(16, 3, padding="same")(image)  # padding: 28x28
try:
    layers.Add()([valid, same])
except ValueError as error:
    print("error while building the graph:", error)

# %% [markdown]
"""
#### Functional models can be plotted and inspected

You can draw the model as a graph, and easily reach intermediate nodes of the graph, as in the
feature extraction example above:

```python
feature_tensors = [layer.output for layer in resnet.layers]
feature_extractor = keras.Model(inputs=resnet.input, outputs=feature_tensors)
```

#### Functional models can be serialized or cloned

A functional model is a data structure rather than a piece of code, so it can be serialized safely
and saved in a single file from which the exact same model can be rebuilt without any of the code
that first built it (see the [serialization and saving
guide](https://keras.io/guides/serialization_and_saving/)). For the same reason
`keras.models.clone_model()` can make a copy of it with new weights.

A subclassed model is Python code: Keras can only rebuild it by running its constructor again,
with the arguments it recorded (plain values only) or with what the `get_config()` and
`from_config()` written by the model's author return, and only where the class's code is available.

### Weakness of the functional API

#### No dynamic architectures

The functional API treats a model as a directed acyclic graph of layers. That is true of most deep
learning architectures, but not of all: recursive networks and Tree-RNNs, for example, do not fit
that assumption and cannot be written with the functional API.
"""

# %% [markdown]
"""
## Mixing API styles

Choosing between the functional API and subclassing is not a choice that locks you into one kind of
model. All Keras models work together, whether they are `Sequential` models, functional models or
subclassed models written from scratch.

A functional or `Sequential` model can always be part of a subclassed layer or model. Below, a
functional model that pools a sequence and scores it becomes the last part of a small recurrent
layer written by hand:
"""

# %%
units = 32
timesteps = 10
input_dim = 5

# A functional model: a sequence of vectors of size `units` in, one score out.
sequence = keras.Input(shape=(None, units))
pooled = layers.GlobalAveragePooling1D()(sequence)
scorer = keras.Model(sequence, layers.Dense(1)(pooled))


class TinyRNN(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.input_projection = layers.Dense(units, activation="tanh")
        self.state_projection = layers.Dense(units, activation="tanh")
        self.scorer = scorer  # the functional model defined above

    def call(self, inputs):
        state = ops.zeros((ops.shape(inputs)[0], units))
        states = []
        for t in range(inputs.shape[1]):  # a Python loop over the time steps
            state = self.input_projection(inputs[:, t, :]) + self.state_projection(state)
            states.append(state)
        return self.scorer(ops.stack(states, axis=1))


rnn_layer = TinyRNN()
print("output shape:", tuple(rnn_layer(ops.zeros((1, timesteps, input_dim))).shape))

# %% [markdown]
"""
The other way round, any subclassed layer or model can be used in the functional API, as long as
its `call()` method follows one of these patterns:

- `call(self, inputs, **kwargs)`: `inputs` is a tensor or a nested structure of tensors (a list of
  tensors, for instance), and `**kwargs` are other arguments that are not tensors;
- `call(self, inputs, training=None, **kwargs)`: `training` is a boolean that says whether the
  layer should behave as in training or as in inference;
- `call(self, inputs, mask=None, **kwargs)`: `mask` is a boolean mask tensor (recurrent layers use
  one, for instance);
- `call(self, inputs, training=None, mask=None, **kwargs)`: both at once.

If the custom layer or model also implements `get_config()`, the functional models that use it
can still be serialized and cloned.

Here the hand-written recurrent layer sits inside a functional model, after a `Conv1D` layer.
Its `call()` loops over the time steps in Python, so the number of time steps must be known when
the model is built: the input declares it (`shape=(timesteps, input_dim)`), while the batch size
stays open.
"""

# %%
class TinyRNNClassifier(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.input_projection = layers.Dense(units, activation="tanh")
        self.state_projection = layers.Dense(units, activation="tanh")
        self.classifier = layers.Dense(1)

    def call(self, inputs):
        state = ops.zeros((ops.shape(inputs)[0], units))
        states = []
        for t in range(inputs.shape[1]):
            state = self.input_projection(inputs[:, t, :]) + self.state_projection(state)
            states.append(state)
        return self.classifier(ops.stack(states, axis=1))


sequence_input = keras.Input(shape=(timesteps, input_dim))
x = layers.Conv1D(32, 3)(sequence_input)  # 10 time steps become 8
mixed_model = keras.Model(sequence_input, TinyRNNClassifier()(x))
print("symbolic output shape:", mixed_model.output.shape)
print("output shape for a batch of 16:", tuple(mixed_model(ops.zeros((16, timesteps, input_dim))).shape))
