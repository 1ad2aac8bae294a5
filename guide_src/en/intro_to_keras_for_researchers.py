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
#     last_modified: '2026-11-25'
#     original: https://keras.io/guides/intro_to_keras_for_researchers/
#     translation_source: https://github.com/adsidelab/keras-ko
#     backend: tensorflow
# ---

# %% [markdown]
"""
## Setup
"""

# %%
import tensorflow as tf
from tensorflow import keras

# %% [markdown]
"""
## Introduction

Do you work in machine learning research?
Are you hoping to submit to NeurIPS and reach state-of-the-art results in computer vision or natural language processing?
This guide walks you through the central ideas behind the Keras API.

Here is what this guide covers:

- Building layers by subclassing the `Layer` class.
- Computing gradients with `GradientTape` and writing low-level training loops.
- Keeping track of losses created by layers through the `add_loss()` method.
- Tracking metrics inside a low-level training loop.
- Making execution faster by compiling with `tf.function`.
- Running layers in training mode or in inference mode.
- Working with the Keras Functional API.

We will then put the Keras API into practice with two end-to-end research examples:
a Variational Autoencoder and a Hypernetwork.

!!! note "What changed in Keras 3"
    This guide was originally written in 2020 for TensorFlow 2.2. Installing TensorFlow today with
    `pip install tensorflow` also installs Keras 3, and five spots in the original code no longer work with it.
    The code on this page has actually been run on a recent TensorFlow release, and each place that changed
    is explained where it happens, mostly in boxes like this one: what changed and why.
    The page runs on Keras' TensorFlow backend only, because what it teaches (`GradientTape`,
    `tf.function`, `tf.data`) are TensorFlow APIs.
"""

# %% [markdown]
"""
## The `Layer` class

`Layer` is the fundamental abstraction in Keras.
A `Layer` holds some state (its weights) along with some computation (defined in the `call` method).

Here is what a simple layer looks like:
"""


# %%
class Linear(keras.layers.Layer):
    """y = w.x + b"""

    def __init__(self, units=32, input_dim=32):
        super(Linear, self).__init__()
        w_init = tf.random_normal_initializer()
        self.w = keras.Variable(
            initializer=w_init(shape=(input_dim, units), dtype="float32"),
            trainable=True,
        )
        b_init = tf.zeros_initializer()
        self.b = keras.Variable(
            initializer=b_init(shape=(units,), dtype="float32"), trainable=True
        )

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


# %% [markdown]
"""
!!! note "What changed in Keras 3"
    The original code created the weights with `tf.Variable`. A Keras 3 layer only tracks variables
    created through `keras.Variable` (or `add_weight()`), so if you keep using `tf.Variable`, the weights
    will not show up in the `weights` attribute and will not be trained either. That is why they were switched to `keras.Variable`.

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
The weight variables (created in the `__init__` method) are automatically recorded in the `weights` attribute:
"""

# %%
assert linear_layer.weights == [linear_layer.w, linear_layer.b]

# %% [markdown]
"""
Plenty of layers come built in.
There is the `Dense` layer, the `Conv2D` layer, and the `LSTM` layer,
as well as fancier ones such as `Conv3DTranspose` and `ConvLSTM2D`.
Whenever possible, it is a good idea to rely on the built-in functionality.

## Creating weights

The `add_weight` method gives you an easy way to create weights:
"""


# %%
class Linear(keras.layers.Layer):
    """y = w.x + b"""

    def __init__(self, units=32):
        super(Linear, self).__init__()
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
        return tf.matmul(inputs, self.w) + self.b


# Create an instance of the layer.
linear_layer = Linear(4)

# On the first call, `build(input_shape)` runs and creates the weights.
y = linear_layer(tf.ones((2, 2)))

# %% [markdown]
"""
## Gradients

When you call a layer inside a `GradientTape` context, the gradients of the layer's weights are computed automatically.
You can then use those gradients to update the layer's weights, either with an optimizer object or by hand.
And of course, you are free to modify the gradients before applying the update if you need to.
"""

# %%
# Prepare the dataset.
(x_train, y_train), _ = tf.keras.datasets.mnist.load_data()
dataset = tf.data.Dataset.from_tensor_slices(
    (x_train.reshape(60000, 784).astype("float32") / 255, y_train)
)
dataset = dataset.shuffle(buffer_size=1024).batch(64)

# Create an instance of the linear layer (defined above) with 10 units.
linear_layer = Linear(10)

# Create a logistic loss function object that expects integer targets.
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)

# Create an optimizer object.
optimizer = tf.keras.optimizers.SGD(learning_rate=1e-3)

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

    def __init__(self, input_dim):
        super(ComputeSum, self).__init__()
        # Create a non-trainable weight.
        self.total = keras.Variable(
            initializer=tf.zeros((input_dim,)), trainable=False
        )

    def call(self, inputs):
        self.total.assign_add(tf.reduce_sum(inputs, axis=0))
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
    With a `tf.Variable`, Keras 3 would not track the variable as one of the layer's weights,
    and the three `assert` statements at the end would fail.

## Layers that own layers

Layers can be nested recursively to form larger computational blocks.
Each layer keeps track of the weights of its sublayers (both trainable and non-trainable).
"""

# %%
# Let's reuse the Linear class
# with the `build` method that we defined above.


class MLP(keras.layers.Layer):
    """A simple stack of Linear layers."""

    def __init__(self):
        super(MLP, self).__init__()
        self.linear_1 = Linear(32)
        self.linear_2 = Linear(32)
        self.linear_3 = Linear(10)

    def call(self, inputs):
        x = self.linear_1(inputs)
        x = tf.nn.relu(x)
        x = self.linear_2(x)
        x = tf.nn.relu(x)
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
        keras.layers.Dense(32, activation=tf.nn.relu),
        keras.layers.Dense(32, activation=tf.nn.relu),
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

    def __init__(self, rate=1e-2):
        super(ActivityRegularization, self).__init__()
        self.rate = rate

    def call(self, inputs):
        # Use `add_loss` to create a regularization loss based on the inputs.
        self.add_loss(self.rate * tf.reduce_sum(inputs))
        return inputs


# %% [markdown]
"""
Any model that contains this layer will keep track of its regularization loss:
"""

# %%
# Let's use this loss layer inside an MLP block.


class SparseMLP(keras.layers.Layer):
    """A stack of Linear layers with a sparsity regularization loss."""

    def __init__(self):
        super(SparseMLP, self).__init__()
        self.linear_1 = Linear(32)
        self.regularization = ActivityRegularization(1e-2)
        self.linear_3 = Linear(10)

    def call(self, inputs):
        x = self.linear_1(inputs)
        x = tf.nn.relu(x)
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
"""

# %%
# Only the losses from the *last* forward pass are kept.
mlp = SparseMLP()
mlp(tf.ones((10, 10)))
assert len(mlp.losses) == 1
mlp(tf.ones((10, 10)))
assert len(mlp.losses) == 1  # They do not accumulate.

# Let's see how these losses are used in a training loop.

# Prepare the dataset.
(x_train, y_train), _ = tf.keras.datasets.mnist.load_data()
dataset = tf.data.Dataset.from_tensor_slices(
    (x_train.reshape(60000, 784).astype("float32") / 255, y_train)
)
dataset = dataset.shuffle(buffer_size=1024).batch(64)

# A fresh MLP
mlp = SparseMLP()

# Loss and optimizer
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = tf.keras.optimizers.SGD(learning_rate=1e-3)

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

# %% [markdown]
"""
## Keeping track of training metrics

Keras ships with a wide range of built-in metrics,
such as `tf.keras.metrics.AUC` or `tf.keras.metrics.PrecisionAtRecall`.
Writing your own custom metric is also easy and only takes a few lines of code.

To use a metric inside a custom training loop, you would:

- Create a metric object, for instance `metric = tf.keras.metrics.AUC()`
- Call its `metric.update_state(targets, predictions)` method for every batch of data.
- Read the result with `metric.result()`.
- Clear the metric's state with `metric.reset_state()` at the end of an epoch or when an evaluation starts.

Here is a simple example:
"""

# %%
# Create a metric object.
accuracy = tf.keras.metrics.SparseCategoricalAccuracy()

# Prepare the layers, the loss, and the optimizer.
model = keras.Sequential(
    [
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10),
    ]
)
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = tf.keras.optimizers.Adam(learning_rate=1e-3)

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

At this point, the 2020 edition of the guide showed how to log the mean of a value from inside a layer with `self.add_metric()`.
In Keras 3, `add_metric()` can no longer be used (calling it raises `NotImplementedError`).
Give a model its metrics with `Model.compile(metrics=[...])`. To record a value from inside a layer,
create a metric object such as `keras.metrics.Mean` as an attribute of the layer in `__init__()` or
`build()`, then call that object's `update_state()` from `call()`. Read the value with `result()` and clear it with `reset_state()`.
This mirrors how the `accuracy` object was handled in the training loop above.

## Compiled functions

Eager execution is great for debugging, but compiling your computation into a static graph gives you better performance.
Static graphs are a researcher's best friends.
Any function can be compiled by wrapping it with the `tf.function` decorator.
"""

# %%
# Prepare the layers, the loss, and the optimizer.
model = keras.Sequential(
    [
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10),
    ]
)
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = tf.keras.optimizers.Adam(learning_rate=1e-3)

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
(x_train, y_train), _ = tf.keras.datasets.mnist.load_data()
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

Some layers, such as `BatchNormalization` and `Dropout`, behave differently during training and during inference.
When you write layers like these, it is good practice to give the `call` method a `training` (boolean) argument.

With this argument in the `call` method, the training and evaluation loops that Keras
provides out of the box (for example the `fit` method) can run the layer in the correct mode,
and you reduce the chance of bugs caused by mixing up training mode and inference mode.
"""


# %%
class Dropout(keras.layers.Layer):
    def __init__(self, rate):
        super(Dropout, self).__init__()
        self.rate = rate

    def call(self, inputs, training=None):
        if training:
            return tf.nn.dropout(inputs, rate=self.rate)
        return inputs


class MLPWithDropout(keras.layers.Layer):
    def __init__(self):
        super(MLPWithDropout, self).__init__()
        self.linear_1 = Linear(32)
        self.dropout = Dropout(0.5)
        self.linear_3 = Linear(10)

    def call(self, inputs, training=None):
        x = self.linear_1(inputs)
        x = tf.nn.relu(x)
        x = self.dropout(x, training=training)
        return self.linear_3(x)


mlp = MLPWithDropout()
y_train = mlp(tf.ones((2, 2)), training=True)
y_test = mlp(tf.ones((2, 2)), training=False)

# %% [markdown]
"""
## Building models with the Functional API

You do not always have to use object-oriented programming to build deep learning models.
Every layer introduced so far can also be used in a functional style, as shown
below (this is known as the "Functional API"):
"""

# %%
# Use an `Input` object to describe the shape and dtype of the inputs.
# In deep learning terms, this amounts to declaring a "type".
# The shape argument is per sample, so it leaves out the batch size.
# The Functional API is about defining transformations of individual samples.
# The resulting model automatically applies those per-sample transformations
# in batches, so it can be used on batched data.
inputs = tf.keras.Input(shape=(16,), dtype="float32")

# Calling a layer on one of these "type" objects
# returns an updated type (with a new shape and dtype).
x = Linear(32)(inputs)  # Reuse the Linear layer defined earlier.
x = Dropout(0.5)(x)  # Reuse the Dropout layer defined earlier.
outputs = Linear(10)(x)

# Define a functional `Model` by specifying its inputs and outputs.
# A model is itself a layer, just like any other.
model = tf.keras.Model(inputs, outputs)

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
The Functional API is more concise than subclassing and comes with a few other benefits (broadly
the same benefits that typed functional languages have over untyped object-oriented development).
However, it can only express models that form a directed acyclic graph (DAG).
Recursive networks, and other models that cannot be expressed as a DAG, have to be defined as subclassed layers.

For more details on the Functional API, see the [Keras Functional API guide](https://keras.io/guides/functional_api/).

Depending on your research workflow, you can freely combine object-oriented and functional models however you like.

The `Model` class comes with built-in training and evaluation features (`fit()` and `evaluate()`).
If you want these features for an object-oriented model, you can always subclass the `Model` class (it works
the same way as subclassing `Layer`).

## End-to-end example 1: Variational autoencoder

Here is a recap of what we have learned so far:

- A `Layer` encapsulates state (created in `__init__` or `build`) together with computation (defined in `call`).
- Layers can be nested recursively to build new, larger blocks.
- You can customize the training loop however you want by calling the model inside a `with` block of a `GradientTape`,
  and then applying the resulting gradients with an optimizer.
- Training loops can be sped up with the `@tf.function` decorator.
- Layers can create and keep track of losses (usually regularization losses) with `self.add_loss()`.

Let's combine all of these into an end-to-end example:
we will build a Variational AutoEncoder (VAE) and train it on the MNIST dataset.

The VAE will be a subclass of `Layer`.
It will itself be assembled from layers that subclass `Layer`.
We will also use a regularization loss (the KL divergence).

Let's define the model.

First, we define an `Encoder` class that uses a `Sampling` layer to map an MNIST digit image
to a triplet of values in the latent space, `(z_mean, z_log_var, z)`.
"""

# %%
from tensorflow.keras import layers


class Sampling(layers.Layer):
    """Uses (z_mean, z_log_var) to sample z, the vector encoding a digit."""

    def call(self, inputs):
        z_mean, z_log_var = inputs
        batch = tf.shape(z_mean)[0]
        dim = tf.shape(z_mean)[1]
        epsilon = tf.keras.backend.random_normal(shape=(batch, dim))
        return z_mean + tf.exp(0.5 * z_log_var) * epsilon


class Encoder(layers.Layer):
    """Maps MNIST digit images to the triplet (z_mean, z_log_var, z)."""

    def __init__(self, latent_dim=32, intermediate_dim=64, **kwargs):
        super(Encoder, self).__init__(**kwargs)
        self.dense_proj = layers.Dense(intermediate_dim, activation=tf.nn.relu)
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
Next, we define a `Decoder` class that maps coordinates in the probabilistic latent space back to MNIST digit images.
"""


# %%
class Decoder(layers.Layer):
    """Turns the encoded vector z back into a digit image."""

    def __init__(self, original_dim, intermediate_dim=64, **kwargs):
        super(Decoder, self).__init__(**kwargs)
        self.dense_proj = layers.Dense(intermediate_dim, activation=tf.nn.relu)
        self.dense_output = layers.Dense(original_dim, activation=tf.nn.sigmoid)

    def call(self, inputs):
        x = self.dense_proj(inputs)
        return self.dense_output(x)


# %% [markdown]
"""
Finally, the `VariationalAutoEncoder` chains the encoder and the decoder together
and adds the KL divergence regularization with the `add_loss()` method.
"""


# %%
class VariationalAutoEncoder(layers.Layer):
    """Chains the encoder and the decoder into an end-to-end model."""

    def __init__(self, original_dim, intermediate_dim=64, latent_dim=32, **kwargs):
        super(VariationalAutoEncoder, self).__init__(**kwargs)
        self.original_dim = original_dim
        self.encoder = Encoder(latent_dim=latent_dim, intermediate_dim=intermediate_dim)
        self.decoder = Decoder(original_dim, intermediate_dim=intermediate_dim)

    def call(self, inputs):
        z_mean, z_log_var, z = self.encoder(inputs)
        reconstructed = self.decoder(z)
        # Add the KL divergence regularization loss.
        kl_loss = -0.5 * tf.reduce_mean(
            z_log_var - tf.square(z_mean) - tf.exp(z_log_var) + 1
        )
        self.add_loss(kl_loss)
        return reconstructed


# %% [markdown]
"""
Now let's write the training loop.
To make it faster, we wrap the training step in `@tf.function` so that it gets compiled into a graph.
"""

# %%
# The variational autoencoder model
vae = VariationalAutoEncoder(original_dim=784, intermediate_dim=64, latent_dim=32)

# Loss and optimizer
loss_fn = tf.keras.losses.MeanSquaredError()
optimizer = tf.keras.optimizers.Adam(learning_rate=1e-3)

# Prepare the dataset.
(x_train, _), _ = tf.keras.datasets.mnist.load_data()
dataset = tf.data.Dataset.from_tensor_slices(
    x_train.reshape(60000, 784).astype("float32") / 255
)
dataset = dataset.shuffle(buffer_size=1024).batch(32)


@tf.function
def training_step(x):
    with tf.GradientTape() as tape:
        reconstructed = vae(x)  # Produce a reconstruction of the inputs.
        # Compute the loss.
        loss = loss_fn(x, reconstructed)
        loss += sum(vae.losses)  # Add the KL divergence.
    # Update the weights of the VAE.
    grads = tape.gradient(loss, vae.trainable_weights)
    optimizer.apply_gradients(zip(grads, vae.trainable_weights))
    return loss


losses = []  # Keep a record of the losses.
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
As you can see, Keras lets you build and train this kind of model quickly and simply.

You might feel that the code above is a bit verbose.
That is because we wrote every detail ourselves. Doing so gives you maximum flexibility, at the cost of a little extra work.

Let's look at a Functional API version of the VAE:
"""

# %%
original_dim = 784
intermediate_dim = 64
latent_dim = 32

# Define the encoder model.
original_inputs = tf.keras.Input(shape=(original_dim,), name="encoder_input")
x = layers.Dense(intermediate_dim, activation="relu")(original_inputs)
z_mean = layers.Dense(latent_dim, name="z_mean")(x)
z_log_var = layers.Dense(latent_dim, name="z_log_var")(x)
z = Sampling()((z_mean, z_log_var))
encoder = tf.keras.Model(inputs=original_inputs, outputs=z, name="encoder")

# Define the decoder model.
latent_inputs = tf.keras.Input(shape=(latent_dim,), name="z_sampling")
x = layers.Dense(intermediate_dim, activation="relu")(latent_inputs)
outputs = layers.Dense(original_dim, activation="sigmoid")(x)
decoder = tf.keras.Model(inputs=latent_inputs, outputs=outputs, name="decoder")


# A layer that adds the KL divergence regularization loss and passes the reconstruction through unchanged.
class KLDivergenceLoss(layers.Layer):
    def call(self, inputs):
        z_mean, z_log_var, reconstructed = inputs
        kl_loss = -0.5 * tf.reduce_mean(
            z_log_var - tf.square(z_mean) - tf.exp(z_log_var) + 1
        )
        self.add_loss(kl_loss)
        return reconstructed


# Define the VAE model.
outputs = decoder(z)
outputs = KLDivergenceLoss()((z_mean, z_log_var, outputs))
vae = tf.keras.Model(inputs=original_inputs, outputs=outputs, name="vae")

# %% [markdown]
"""
!!! note "What changed in Keras 3"
    The original code added the KL divergence loss after building the model, with `vae.add_loss(kl_loss)`.
    That is not possible with a Keras 3 functional model, and TensorFlow operations such as `tf.square`
    cannot be applied directly to symbolic tensors either. So we wrote a small layer, `KLDivergenceLoss`,
    that computes the KL divergence, adds it with `self.add_loss()`, and sits on the model's output path.
    `fit()` automatically adds the loss contributed by this layer to the model's loss.

Much more concise, isn't it?

Here too, Keras gives the `Model` class built-in training and evaluation loops (`fit()` and `evaluate()`).
Let's see it in action:
"""

# %%
# Loss and optimizer
loss_fn = tf.keras.losses.MeanSquaredError()
optimizer = tf.keras.optimizers.Adam(learning_rate=1e-3)

# Prepare the dataset.
(x_train, _), _ = tf.keras.datasets.mnist.load_data()
dataset = tf.data.Dataset.from_tensor_slices(
    x_train.reshape(60000, 784).astype("float32") / 255
)
dataset = dataset.map(lambda x: (x, x))  # Use x_train as both the inputs and the targets.
dataset = dataset.shuffle(buffer_size=1024).batch(32)

# Configure the model for training.
vae.compile(optimizer, loss=loss_fn)

# Train the model.
vae.fit(dataset, epochs=1)

# %% [markdown]
"""
With the Functional API and the `fit` method, the code that defines and trains the model got much shorter.
The Keras philosophy is to offer productivity features like these,
while still letting you build everything yourself and keep full control over every detail,
just like the low-level training loops we wrote earlier.

## End-to-end example 2: Hypernetworks

Let's turn to a different kind of example: a hypernetwork.

A hypernetwork is a deep neural network whose weights are produced by another network (usually a smaller one).

Let's build a very small hypernetwork.
We will use a tiny two-layer network to generate the weights of another two-layer network.
"""

# %%
import numpy as np

input_dim = 784
classes = 10

# The model used to predict labels (the one that receives the generated weights).
outer_model = keras.Sequential(
    [
        keras.layers.Dense(64, activation=tf.nn.relu),
        keras.layers.Dense(classes),
    ]
)

# Create the variables of `outer_model` ahead of time.
# During training, the weights generated by `inner_model` are used in place of these variables.
outer_model.build((None, input_dim))

# The number of weights to generate.
# Each layer of `outer_model` needs input_dim * output_dim + output_dim weights.
num_weights_to_generate = (classes * 64 + classes) + (64 * input_dim + 64)

# The model that generates the weights of `outer_model` (the hypernetwork).
inner_model = keras.Sequential(
    [
        keras.layers.Dense(16, activation=tf.nn.relu),
        keras.layers.Dense(num_weights_to_generate, activation=tf.nn.sigmoid),
    ]
)

# %% [markdown]
"""
Now for the training loop. For each batch of data, we:

- Use `inner_model` to generate an array of weights, `weights_pred`.
- Reshape these weights into the shapes of the kernel and bias tensors of `outer_model`.
- Run the forward pass of `outer_model` with the generated weights to compute predictions on the MNIST data.
- Backpropagate through the weights of `inner_model` to minimize the final classification loss.
"""

# %%
# Loss and optimizer
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = tf.keras.optimizers.Adam(learning_rate=1e-4)

# Prepare the dataset.
(x_train, y_train), _ = tf.keras.datasets.mnist.load_data()
dataset = tf.data.Dataset.from_tensor_slices(
    (x_train.reshape(60000, 784).astype("float32") / 255, y_train)
)

# For this experiment we use a batch size of 1.
dataset = dataset.shuffle(buffer_size=1024).batch(1)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        # Predict the weights of outer_model.
        weights_pred = inner_model(x)

        # Reshape them to match the shapes of outer_model's w and b.
        # Kernel of the first layer
        start_index = 0
        w0_shape = (input_dim, 64)
        w0_coeffs = weights_pred[:, start_index : start_index + np.prod(w0_shape)]
        w0 = tf.reshape(w0_coeffs, w0_shape)
        start_index += np.prod(w0_shape)
        # Bias of the first layer
        b0_shape = (64,)
        b0_coeffs = weights_pred[:, start_index : start_index + np.prod(b0_shape)]
        b0 = tf.reshape(b0_coeffs, b0_shape)
        start_index += np.prod(b0_shape)
        # Kernel of the second layer
        w1_shape = (64, classes)
        w1_coeffs = weights_pred[:, start_index : start_index + np.prod(w1_shape)]
        w1 = tf.reshape(w1_coeffs, w1_shape)
        start_index += np.prod(w1_shape)
        # Bias of the second layer
        b1_shape = (classes,)
        b1_coeffs = weights_pred[:, start_index : start_index + np.prod(b1_shape)]
        b1 = tf.reshape(b1_coeffs, b1_shape)
        start_index += np.prod(b1_shape)

        # Run inference with outer_model using the generated weights.
        # `stateless_call` uses the tensors passed in as weights instead of the model's own variables.
        preds, _ = outer_model.stateless_call([w0, b0, w1, b1], [], x)
        loss = loss_fn(y, preds)

    # Train only inner_model.
    grads = tape.gradient(loss, inner_model.trainable_weights)
    optimizer.apply_gradients(zip(grads, inner_model.trainable_weights))
    return loss


losses = []  # Keep a record of the losses.
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
    The original code assigned the generated tensors to layer attributes, as in `outer_model.layers[0].kernel = w0`,
    and then called the model. In a Keras 3 `Dense` layer, `kernel` is a read-only property, so it cannot be assigned.
    Instead, `outer_model` is built ahead of time (`build`), and the generated weights are passed to `stateless_call()`
    in the same order as the model's `trainable_variables` (kernel, bias, kernel, bias).
    `stateless_call()` computes with the values it is given without changing the model's variables,
    so the gradients flow through the generated weights all the way back to `inner_model`.
    For the same reason, the part of the original code that used `layer.built = True` to prevent variable creation is no longer needed.

Whatever research idea you want to implement, Keras makes it easy and highly productive.
Try out 25 ideas a day (that's an average of 20 minutes per experiment)!

Keras was designed to take you from idea to results as fast as possible,
because we believe that is the key to doing great research.

We hope you found this guide helpful. If you build something with Keras, let us know!
"""
