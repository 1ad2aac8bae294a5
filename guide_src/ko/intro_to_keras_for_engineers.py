# ---
# jupyter:
#   jupytext:
#     cell_markers: '"""'
#     formats: py:percent
#     notebook_metadata_filter: guide
#   guide:
#     title: 엔지니어를 위한 케라스 소개
#     description: Keras 3을 처음 써 보는 실전 안내. 같은 코드를 JAX, TensorFlow, PyTorch에서 실행합니다.
#     author: François Chollet
#     translator: 케라스 연구 가이드 기여자 (keras-ko 2020년 번역을 바탕으로 Keras 3에 맞춰 새로 씀)
#     date_created: '2023-07-10'
#     last_modified: '2026-12-01'
#     original: https://keras.io/getting_started/intro_to_keras_for_engineers/
#     translation_source: https://github.com/adsidelab/keras-ko
#     backends: [jax, tensorflow, torch]
#     timeout: 600
# ---

# %% [markdown]
"""
## 소개

Keras 3은 JAX, TensorFlow, PyTorch 위에서 동작하는 딥러닝 프레임워크입니다. 모델을 한 번 작성하면
같은 코드가 어떤 백엔드를 고르든 그대로 훈련됩니다. 이 페이지에서는 엔지니어가 첫날 필요로 하는
작업 흐름을 차례로 살펴봅니다. 데이터 불러오기, 세 가지 방법으로 모델 만들기, 콜백과 함께 훈련하기,
평가하기, 예측하기, 저장했다가 다시 불러오기, 모든 백엔드에서 동작하는 층 직접 만들기, 그리고 훈련
스텝 하나를 바꾸는 방법입니다.

!!! note "이 페이지에 대해"
    이 페이지는 keras.io에 실린 François Chollet의 가이드를 Keras 3에 맞게 다시 쓴 것입니다. 바탕이 된
    2020년 한국어 번역은 지금은 실행되지 않습니다(첫 코드 셀이 `tensorflow.keras.layers.experimental`을
    가져옵니다). 아래 코드 블록은 모두 JAX, TensorFlow, PyTorch **세 백엔드에서** 실제로 실행했습니다.
    백엔드마다 출력이 다른 곳에는 백엔드별로 탭이 하나씩 있습니다. 코어 2개짜리 CPU에서 한 번 실행하는 데 몇 분이면
    끝나도록 모델을 작게 만들고, MNIST 훈련 이미지 60,000개 중 12,000개로 3 에포크만 훈련합니다. 원문은
    더 큰 합성곱 신경망을 전체 데이터로 최대 20 에포크 동안 훈련합니다.
"""

# %% [markdown]
"""
## 설정

백엔드는 케라스를 가져오기 전에 `KERAS_BACKEND` 환경 변수로 고릅니다(`"jax"`, `"tensorflow"`,
`"torch"`). 예를 들어 노트북의 첫 셀에 `os.environ["KERAS_BACKEND"] = "jax"`라고 씁니다. `import keras`
다음에는 바꿀 수 없습니다. 이 페이지는 백엔드마다 한 번씩, 첫 셀을 실행하기 전에 이 변수를 정해 두고
실행했습니다.
"""

# %%
import os

import numpy as np
import keras

print("Keras", keras.__version__, "백엔드:", keras.backend.backend())

# %% [markdown]
"""
## 데이터 불러오기

손으로 쓴 숫자를 담은 28x28 흑백 이미지 데이터셋인 MNIST를 사용합니다.
`keras.datasets.mnist.load_data()`는 NumPy 배열을 반환합니다. 픽셀 값을 [0, 1] 범위로 바꾸고,
이미지마다 `(28, 28, 1)` 크기가 되도록 채널 축을 추가한 다음, 페이지가 빨리 실행되도록 훈련 이미지의
일부만 남깁니다.
"""

# %%
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()

x_train = np.expand_dims(x_train.astype("float32") / 255, -1)[:12000]
y_train = y_train[:12000]
x_test = np.expand_dims(x_test.astype("float32") / 255, -1)
print("훈련 이미지:", x_train.shape, "레이블:", y_train.shape)
print("테스트 이미지:", x_test.shape)

# %% [markdown]
"""
## 모델 만들기

케라스에서 모델을 만드는 방법은 세 가지입니다. 어느 방법이든 같은 종류의 객체인 `keras.Model`이
만들어지고, 자유롭게 섞어 쓸 수 있습니다.

**Sequential API**는 층을 차례로 쌓습니다. 평범한 순방향 모델을 가장 짧게 쓰는 방법입니다.
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
**함수형 API**는 심볼릭 입력에 층을 호출해 모델을 층의 그래프로 표현합니다. 입력이나 출력이 여러 개인
모델, 층을 공유하는 모델도 나타낼 수 있습니다. 같은 신경망을 이 방식으로 쓰면 다음과 같습니다.
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
print("파라미터 개수:", functional_model.count_params())

# %% [markdown]
"""
`keras.Model`을 **서브클래싱**하면 모든 것을 직접 제어할 수 있습니다. `__init__`에서 층을 만들고
`call()`에 정방향 계산을 씁니다. 정방향 계산에 파이썬 로직이 필요할 때 쓰는 방식입니다.
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
print("출력 크기:", subclassed_model(x_test[:2]).shape)
print("파라미터 개수:", subclassed_model.count_params())

# %% [markdown]
"""
## `compile()`과 `fit()`으로 훈련하기

`compile()`은 옵티마이저, 손실, 보고할 지표를 정합니다. 그러면 `fit()`이 데이터를 배치 단위로 나눠
정해진 에포크 수만큼 훈련 루프를 실행합니다. 콜백은 이 루프 중간에 끼어듭니다. 여기서는
`ModelCheckpoint`가 에포크마다 모델을 저장하고, `EarlyStopping`은 검증 손실이 더 나아지지 않으면
훈련을 멈춥니다. `validation_split=0.15`는 훈련 데이터의 마지막 15%를 떼어 두고, 훈련에 쓰지 않은
이미지로 모델을 측정합니다.
"""

# %%
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=2e-3),
    loss=keras.losses.SparseCategoricalCrossentropy(),
    metrics=[keras.metrics.SparseCategoricalAccuracy(name="acc")],
)
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
`fit()`은 `History` 객체를 반환합니다. 이 객체의 `history` 딕셔너리에는 손실과 지표마다 에포크별 값이
하나씩 들어 있습니다.
"""

# %%
for name, values in history.history.items():
    print(name, [round(v, 4) for v in values])

# %% [markdown]
"""
## 평가와 예측

`evaluate()`는 모델이 본 적 없는 데이터에서 손실과 지표를 계산합니다. `predict()`는 모델의 출력을
반환합니다. 여기서는 이미지마다 숫자 열 개 각각의 확률입니다.
"""

# %%
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"테스트 손실: {loss:.4f}, 테스트 정확도: {accuracy:.4f}")

probabilities = model.predict(x_test[:8], verbose=0)
print("확률 배열 크기:", probabilities.shape)
print("예측:", probabilities.argmax(axis=1))
print("정답:", y_test[:8])

# %% [markdown]
"""
## 저장하고 다시 불러오기

`.keras` 파일에는 모델 전체, 즉 구조와 가중치와 컴파일 설정이 들어 있습니다. 훈련 중에
`ModelCheckpoint`가 쓴 체크포인트도 이런 파일입니다. 마지막 상태를 저장했다가 다시 불러오면 출력을
정확히 똑같이 계산하는 모델을 얻습니다.
"""

# %%
model.save("digits.keras")
restored = keras.saving.load_model("digits.keras")
np.testing.assert_allclose(restored.predict(x_test[:8], verbose=0), probabilities, rtol=1e-5, atol=1e-6)
print(sorted(name for name in os.listdir(".") if name.endswith(".keras")))

# %% [markdown]
"""
## 모든 백엔드에서 동작하는 층

`keras.ops`로 작성한 층은 JAX, TensorFlow, PyTorch에서 그대로 실행됩니다. `keras.ops`에는 NumPy API
(`keras.ops.matmul`, `keras.ops.mean` 등)와 신경망에 필요한 연산(`keras.ops.relu`, `keras.ops.softmax`
등)이 들어 있습니다. 무작위 연산은 `keras.random`에 있으며 `SeedGenerator`를 받습니다. 이 생성기의
상태는 층의 가중치처럼 추적됩니다.

다음은 유닛마다 학습되는 배율을 출력에 곱하는 밀집 층과, 훈련할 때만 동작하는 잡음 층입니다.
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
print("ScaledDense 출력 크기:", keras.ops.convert_to_numpy(layer(batch)).shape)
print("가중치:", [w.name for w in layer.weights])
noisy = GaussianNoiseLayer(0.1)
print("추론할 때는 입력 그대로:", bool(keras.ops.all(noisy(batch) == batch)))

# %% [markdown]
"""
직접 만든 층은 어떤 모델에든 넣을 수 있습니다. 이미지를 펼쳐 입력받는 작은 분류기를 한 에포크 동안
훈련해 봅니다.
"""

# %%
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
print("테스트 정확도:", round(custom_model.evaluate(x_test, y_test, verbose=0)[1], 4))

# %% [markdown]
"""
## 훈련 스텝 하나 바꾸기

훈련 알고리즘은 직접 짜고 싶지만 `fit()`이 주는 나머지(콜백, 진행 표시, 분산 훈련)는 그대로 쓰고
싶다면 모델의 `train_step()`을 재정의합니다. 백엔드마다 다른 곳은 여기 한 군데입니다. 훈련 스텝은
그레이디언트를 계산해야 하는데, 프레임워크마다 그 방법이 다르기 때문입니다. JAX는 *상태가 없는*
함수에 `jax.value_and_grad`를 적용해 그레이디언트를 계산하므로, 훈련 스텝은 모델의 변수를 인자로
받고 새 값을 반환합니다. TensorFlow는 `tf.GradientTape`로 정방향 계산을 기록합니다. PyTorch는
`loss.backward()`로 그레이디언트를 계산해 변수마다 저장합니다.

아래 세 버전은 각자 자기 백엔드에서만 실행됩니다. 다른 백엔드에서는 `fit()`이 `train_step()`을
다른 방식으로 호출해 오류가 나므로, 블록마다 해당 백엔드를 표시해 두었습니다.
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
## 더 읽을거리

- 백엔드별로 `fit()`을 깊이 있게 바꾸는 방법: [JAX](https://keras.io/guides/custom_train_step_in_jax/),
  [TensorFlow](https://keras.io/guides/custom_train_step_in_tensorflow/),
  [PyTorch](https://keras.io/guides/custom_train_step_in_torch/) (영문).
- 훈련 루프를 처음부터 직접 작성하기: [JAX](https://keras.io/guides/writing_a_custom_training_loop_in_jax/),
  [TensorFlow](https://keras.io/guides/writing_a_custom_training_loop_in_tensorflow/) (영문).
- 이 사이트의 [연구자를 위한 케라스 소개](intro_to_keras_for_researchers.md)에서는 TensorFlow로 층,
  손실, 지표, 저수준 훈련 루프를 더 깊이 다룹니다.
"""
