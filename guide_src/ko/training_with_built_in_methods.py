# ---
# jupyter:
#   jupytext:
#     cell_markers: '"""'
#     formats: py:percent
#     notebook_metadata_filter: guide
#   guide:
#     title: 내장 메서드로 훈련하고 평가하기
#     description: fit(), evaluate(), predict()를 자세히 살펴봅니다. NumPy 배열, tf.data, PyDataset, PyTorch DataLoader로 데이터를 넣고 콜백, 가중치, 직접 만든 손실과 지표를 다룹니다.
#     author: François Chollet
#     translator: 케라스 3 가이드 기여자
#     date_created: '2019-03-01'
#     last_modified: '2026-12-05'
#     original: https://keras.io/guides/training_with_built_in_methods/
#     backends: [jax, tensorflow, torch]
#     timeout: 600
# ---

# %% [markdown]
"""
## 소개

케라스 모델에는 프로젝트 대부분을 감당하는 메서드 세 개가 기본으로 들어 있습니다. `fit()`은 모델을
훈련하고, `evaluate()`는 성능을 측정하며, `predict()`는 새 입력으로 모델을 실행합니다(추론). 이
가이드에서는 이 메서드들을 자세히 살펴봅니다. `compile()`로 훈련 설정을 정하는 법, 넣을 수 있는
데이터의 종류, 검증용 데이터를 따로 떼어 두는 법, 샘플과 클래스에 가중치를 주는 법, 손실과 지표를
직접 만드는 법, 그리고 훈련이 진행되는 동안 콜백으로 개입하는 법(조기 종료, 체크포인트 저장, 학습률
변경)을 다룹니다.

이 내용은 어떤 종류의 케라스 모델에나 똑같이 적용됩니다. `Sequential` 모델이든, 함수형 API로 만든
모델이든, `keras.Model`을 서브클래싱해 직접 작성한 모델이든 마찬가지입니다. 백엔드에 따라 달라지지도
않습니다. 아래 코드는 JAX, TensorFlow, PyTorch에서 고치지 않고 그대로 실행됩니다.

관련된 두 주제는 keras.io에 별도의 가이드(영문)가 있습니다. `fit()`은 그대로 쓰면서 훈련 스텝 하나가
하는 일만 바꾸고 싶다면 [JAX](https://keras.io/guides/custom_train_step_in_jax/),
[TensorFlow](https://keras.io/guides/custom_train_step_in_tensorflow/),
[PyTorch](https://keras.io/guides/custom_train_step_in_torch/)용 `fit()` 커스터마이징 가이드를
보세요. 훈련 루프 전체를 직접 작성하고 싶다면
[JAX](https://keras.io/guides/writing_a_custom_training_loop_in_jax/),
[TensorFlow](https://keras.io/guides/writing_a_custom_training_loop_in_tensorflow/),
[PyTorch](https://keras.io/guides/writing_a_custom_training_loop_in_torch/)로 훈련 루프를 처음부터
작성하는 가이드를 보세요.

!!! note "keras.io와 다른 점"
    이 페이지는 keras.io에 실린 François Chollet의 Keras 3 가이드(2023년)를 절마다 따라가되, 글과 코드는
    새로 썼고 모든 코드 블록을 JAX, TensorFlow, PyTorch에서 실행했습니다. 백엔드마다 출력이 다른
    곳에는 백엔드별 탭이 있습니다. 달라진 점은 다음과 같습니다.

    - **실행 규모를 줄였습니다.** 코어 2개짜리 CPU에서 한 번 실행하는 데 몇 분이면 끝나도록, MNIST
      훈련 이미지 60,000개 중 10,000개로 훈련하고(검증용으로 2,000개를 따로 둡니다), 한두 에포크만
      돌며, 배치 크기는 64 대신 128을 쓰고, 에포크마다 한 줄만 출력합니다(`verbose=2`). 그래서
      정확도가 keras.io보다 낮습니다.
    - **콜백의 동작을 예측할 수 있게 했습니다.** 조기 종료 예제는 어느 컴퓨터에서나 같은 에포크에서
      멈추도록 `min_delta`를 일부러 크게 잡았습니다.
    - **텐서보드 서버는 띄우지 않습니다.** `TensorBoard` 콜백을 만들기만 하고 실행하지는 않습니다.
      로그를 쓰려면 `tensorboard` 패키지가 필요한데, 이 페이지의 실행 환경에는 없습니다.
    - **지금의 Keras 3 동작에 맞췄습니다.** 원문의 몇몇 설명을 직접 확인해 고쳤습니다. 손실
      딕셔너리에는 모든 출력의 이름이 있어야 합니다. `steps_per_epoch`를 주면 데이터셋이 에포크마다
      처음부터 다시 시작하지 않습니다. 콜백이 배치마다 받는 `loss`는 그 에포크의 누적 평균입니다.
      층에는 이제 `add_metric()`이 없습니다. 사용자 정의 지표는 레이블과 예측을 같은 모양으로 맞춰
      비교합니다(원문의 예제는 `(batch,)` 텐서와 `(batch, 1)` 텐서를 비교하다가 브로드캐스팅이 일어나
      샘플 수보다 큰 값을 셉니다).
    - **더한 내용:** 저장한 체크포인트를 복원해 훈련을 이어 가는 예제, `CSVLogger`,
      `LearningRateScheduler`, PyTorch `DataLoader`에 `class_weight`를 주면 나는 오류.
"""

# %% [markdown]
"""
## 설정

백엔드는 케라스를 처음 임포트하기 전에 `KERAS_BACKEND` 환경 변수(`"jax"`, `"tensorflow"`,
`"torch"`)로 고릅니다. 여기서 TensorFlow와 PyTorch를 임포트하는 것은 데이터 파이프라인 때문입니다.
`tf.data`와 PyTorch의 `DataLoader`는 어느 백엔드에서든 `fit()`에 데이터를 공급할 수 있습니다.
"""

# %%
import math
import os

import numpy as np
import keras
from keras import layers, ops

# 아래에서 데이터 소스로만 씁니다. 모델을 어느 백엔드로 실행하든 마찬가지입니다.
import tensorflow as tf
import torch

print("Keras", keras.__version__, "/", keras.backend.backend(), "백엔드")

# %% [markdown]
"""
## API 개요: 처음부터 끝까지 한 번에 보는 예제

`fit()`에는 여러 종류의 데이터를 넣을 수 있습니다.

- 메모리에 다 들어갈 만큼 작은 데이터라면 NumPy 배열(또는 백엔드의 배열)
- `tf.data.Dataset`
- PyTorch `DataLoader`
- `keras.utils.PyDataset`의 서브클래스

먼저 NumPy 배열로 옵티마이저, 손실, 지표를 쓰는 법을 보이고, 나머지 세 가지는 그다음에 살펴봅니다.

훈련할 모델은 28x28 이미지를 784개 값의 벡터로 펼쳐 받아 분류하는 작은 모델입니다. 함수형 API로
만들었지만, `Sequential` 모델이나 서브클래싱한 모델도 훈련하는 방법은 똑같습니다.
"""

# %%
inputs = keras.Input(shape=(784,), name="digits")
x = layers.Dense(64, activation="relu", name="hidden_1")(inputs)
x = layers.Dense(64, activation="relu", name="hidden_2")(x)
outputs = layers.Dense(10, activation="softmax", name="predictions")(x)
model = keras.Model(inputs=inputs, outputs=outputs)
print("파라미터 개수:", model.count_params())

# %% [markdown]
"""
일반적인 작업 흐름은 세 단계입니다.

- 훈련 데이터로 훈련합니다.
- 훈련 데이터에서 따로 떼어 둔 데이터로 검증하면서, 모델이 배우지 않은 샘플에서 어떤 성능을 내는지
  지켜봅니다.
- 마지막으로 테스트 데이터로 평가합니다.

데이터는 0부터 9까지 손으로 쓴 숫자 이미지인 MNIST입니다. `load_data()`는 NumPy 배열을
돌려줍니다. 픽셀 값을 [0, 1] 범위로 바꾸고, 훈련 이미지는 일부만 씁니다.
"""

# %%
(x_full, y_full), (x_test, y_test) = keras.datasets.mnist.load_data()

# 28x28 이미지를 각각 0과 1 사이의 값 784개로 펼칩니다.
x_full = x_full.reshape(-1, 784).astype("float32") / 255
x_test = x_test.reshape(-1, 784).astype("float32") / 255
y_full = y_full.astype("int32")
y_test = y_test.astype("int32")

# 이미지 10,000개로 훈련하고, 그다음 2,000개는 검증용으로 따로 둡니다.
x_train, y_train = x_full[:10000], y_full[:10000]
x_val, y_val = x_full[10000:12000], y_full[10000:12000]
print("훈련:", x_train.shape, "검증:", x_val.shape, "테스트:", x_test.shape)

# %% [markdown]
"""
훈련 설정은 `compile()`에 넘깁니다. 옵티마이저, 최소화할 손실, 보고할 지표입니다.
"""

# %%
model.compile(
    optimizer=keras.optimizers.RMSprop(),  # 가중치를 업데이트하는 방법
    loss=keras.losses.SparseCategoricalCrossentropy(),  # 훈련이 최소화하는 값
    metrics=[keras.metrics.SparseCategoricalAccuracy()],  # 그 밖에 보고할 값
)

# %% [markdown]
"""
그러면 `fit()`이 데이터를 `batch_size`개 샘플씩 배치로 나누고, 데이터셋 전체를 `epochs`번 돌면서
배치마다 가중치를 업데이트합니다. `validation_data`를 주면 에포크가 끝날 때마다 검증 데이터에서
손실과 지표도 계산합니다.
"""

# %%
history = model.fit(
    x_train,
    y_train,
    batch_size=128,
    epochs=2,
    # 에포크가 끝날 때마다 떼어 둔 데이터에서 손실과 지표를 계산합니다.
    validation_data=(x_val, y_val),
    verbose=2,
)

# %% [markdown]
"""
`fit()`이 돌려주는 `History` 객체의 `history` 딕셔너리에는 에포크가 끝날 때마다 잰 손실과 각
지표의 값이 훈련 데이터와 검증 데이터 각각에 대해 들어 있습니다.
"""

# %% tags=["tolerance-training"]
for name, values in history.history.items():
    print(name, [round(value, 4) for value in values])

# %% [markdown]
"""
`evaluate()`는 테스트 데이터에서 손실과 지표를 계산하고, `predict()`는 새 입력에 대한 모델의 출력을
돌려줍니다. 여기서는 이미지마다 확률이 열 개, 즉 숫자마다 하나씩 나옵니다.
"""

# %% tags=["tolerance-training"]
results = model.evaluate(x_test, y_test, batch_size=128, verbose=2)
print("테스트 손실, 테스트 정확도:", [round(value, 4) for value in results])

predictions = model.predict(x_test[:3], verbose=0)
print("예측 결과의 모양:", predictions.shape)
print("예측한 숫자:", predictions.argmax(axis=1), "실제 숫자:", y_test[:3])

# %% [markdown]
"""
이 가이드의 나머지 부분에서는 이 단계들을 하나씩 자세히 살펴봅니다.
"""

# %% [markdown]
"""
## `compile()` 메서드: 손실, 지표, 옵티마이저

`fit()`으로 모델을 훈련하려면 케라스에 손실 함수와 옵티마이저를 알려 주어야 합니다. 보고할 지표는 선택
사항입니다. 셋 모두 `compile()`의 인수로 넘깁니다.

`metrics`는 리스트이므로 모델이 보고할 지표의 개수에는 제한이 없습니다. 출력이 여러 개인 모델은
출력마다 손실과 지표를 따로 두고, 전체 손실에서 각 출력이 차지하는 몫을 가중치로 정할 수 있습니다.
아래의 [다중 입력, 다중 출력 모델에 데이터 전달하기](#다중-입력-다중-출력-모델에-데이터-전달하기)를
보세요.

기본 설정으로 충분하다면 옵티마이저, 손실, 지표를 문자열로 간단히 지정할 수 있습니다.
"""

# %%
model.compile(
    optimizer="rmsprop",
    loss="sparse_categorical_crossentropy",
    metrics=["sparse_categorical_accuracy"],
)
print("옵티마이저:", type(model.optimizer).__name__, "학습률:", round(float(model.optimizer.learning_rate), 6))

# %% [markdown]
"""
아래 예제들은 이 모델을 여러 번 만들고 컴파일하므로, 두 단계를 함수로 만들어 둡니다.
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
### 다양한 내장 옵티마이저, 손실, 지표

필요한 것은 대개 케라스에 이미 들어 있어서, 옵티마이저나 손실, 지표를 직접 작성할 일은 드뭅니다. 몇
가지 예를 들면 다음과 같습니다.

- 옵티마이저: `SGD()`(모멘텀은 선택), `RMSprop()`, `Adam()`, `AdamW()` 등
- 손실: `MeanSquaredError()`, `KLDivergence()`, `CosineSimilarity()` 등
- 지표: `AUC()`, `Precision()`, `Recall()` 등

전체 목록은 API 레퍼런스의 [옵티마이저](https://keras.io/api/optimizers/),
[손실](https://keras.io/api/losses/), [지표](https://keras.io/api/metrics/) 페이지에 있습니다.
"""

# %% [markdown]
"""
### 사용자 정의 손실

손실을 직접 만드는 방법은 두 가지입니다. 첫째는 타깃 `y_true`와 예측 `y_pred`를 받아 샘플마다 손실
값을 하나씩 돌려주는 평범한 함수입니다. 케라스는 이 값들로 배치의 평균을 냅니다(샘플 가중치가
있으면 평균을 내기 전에 적용합니다). 다음은 어느 백엔드에서나 실행되도록 `keras.ops`로 작성한 평균 제곱
오차입니다.
"""

# %%
def mean_squared_error(y_true, y_pred):
    return ops.mean(ops.square(y_true - y_pred), axis=-1)


model = make_model()
model.compile(optimizer=keras.optimizers.Adam(), loss=mean_squared_error)

# 제곱 오차는 벡터끼리 비교하므로, 레이블을 각각 값 10개짜리 원-핫 벡터로 바꿉니다.
y_train_one_hot = keras.utils.to_categorical(y_train, num_classes=10)
history = model.fit(x_train, y_train_one_hot, batch_size=128, epochs=1, verbose=2)

# %% [markdown]
"""
둘째 방법은 `y_true`와 `y_pred` 말고도 설정값이 필요한 손실에 알맞습니다.
`keras.losses.Loss`를 서브클래싱하고 메서드 두 개를 작성합니다.

- `__init__(self, ...)`: 설정값을 받아 저장합니다.
- `call(self, y_true, y_pred)`: 타깃과 예측으로 손실을 계산합니다.

예를 들어 평균 제곱 오차에, 예측 확률을 0.5 쪽으로 끌어당기는 항을 더하고 싶다고 해 봅시다(타깃은
원-핫 벡터이므로 값이 0과 1 사이에 있습니다). 이 항은 모델이 지나치게 확신하지 못하게 만들어
과대적합을 줄여 줄지도 모릅니다. 정말 그런지는 실험해 봐야 압니다.
"""

# %%
class MSEWithConfidencePenalty(keras.losses.Loss):
    def __init__(self, penalty=0.1, name="mse_with_confidence_penalty"):
        super().__init__(name=name)
        self.penalty = penalty

    def call(self, y_true, y_pred):
        squared_error = ops.mean(ops.square(y_true - y_pred), axis=-1)
        # 확률이 0이나 1에 가까울 때, 즉 모델이 아주 확신할 때 커집니다.
        confidence = ops.mean(ops.square(0.5 - y_pred), axis=-1)
        return squared_error + self.penalty * confidence


model = make_model()
model.compile(optimizer=keras.optimizers.Adam(), loss=MSEWithConfidencePenalty(penalty=0.1))
history = model.fit(x_train, y_train_one_hot, batch_size=128, epochs=1, verbose=2)

# %% [markdown]
"""
### 사용자 정의 지표

케라스에 없는 지표가 필요하면 `keras.metrics.Metric`을 서브클래싱하고 메서드 네 개를 작성합니다.

- `__init__(self)`: 지표의 상태 변수를 만듭니다.
- `update_state(self, y_true, y_pred, sample_weight=None)`: 배치 하나의 타깃과 예측으로 상태를
  업데이트합니다.
- `result(self)`: 상태로부터 지표 값을 계산합니다.
- `reset_state(self)`: 상태를 처음 값으로 되돌립니다. 케라스는 에포크와 평가를 시작할 때마다 이
  메서드를 호출합니다.

상태 업데이트와 결과 계산을 다른 메서드로 나누는 이유는, 결과를 계산하는 데 비용이 많이 들 수 있고
업데이트할 때마다 결과가 필요하지는 않기 때문입니다. 훈련 루프를 직접 작성한다면 상태는 배치마다
업데이트하고 결과는 보고할 때만 구할 수 있습니다. (`fit()` 자체는 진행 표시와 콜백이 읽는 로그를
채우려고 배치마다 결과를 구합니다.)

다음은 확률이 가장 높은 클래스가 실제 클래스와 같은 샘플의 개수를 세는 지표입니다. 두 텐서는
비교하기 전에 샘플당 값 하나씩이 되도록 펼칩니다. `(batch,)` 텐서와 `(batch, 1)` 텐서를 그대로
비교하면 `(batch, batch)`로 브로드캐스팅되어 개수를 훨씬 많이 셉니다.
"""

# %%
class CorrectPredictions(keras.metrics.Metric):
    """확률이 가장 높은 클래스가 실제 클래스와 같은 샘플을 셉니다."""

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
        # 변수 자체가 아니라 텐서를 돌려줍니다(변수를 그대로 돌려주면 JAX에서 실패합니다).
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
출력된 값은 맞힌 예측의 개수이므로 샘플 수보다 작습니다. 훈련 중에는 한 에포크의 훈련 이미지
10,000개를 거치며 개수가 늘어나고, `evaluate()`는 0부터 다시 시작해 테스트 이미지 10,000개 중 맞힌
것을 셉니다.
"""

# %% [markdown]
"""
### 표준 시그니처에 맞지 않는 손실

손실과 지표는 대부분 `y_true`와 `y_pred`로 계산하지만, 모두 그렇지는 않습니다. 예를 들어 규제
손실은 타깃 없이 어떤 층의 출력만으로 정해질 수 있고, 그 출력이 모델의 출력이 아닐 수도 있습니다.

이런 손실은 층의 `call()` 메서드 안에서 `self.add_loss(value)`를 호출해 더합니다. 이렇게 더한
손실은 훈련할 때 주 손실(`compile()`에 넘긴 손실)과 합쳐집니다. 아래 층은 입력의 크기에 벌점을
매기고 입력은 그대로 내보냅니다(케라스 층은 이미 `activity_regularizer` 인수로 같은 기능을
제공합니다. 이 층은 동작 원리를 보여 주려는 것입니다). 호출한 뒤에는 층의 `losses` 속성에서 그 층이
더한 손실을 볼 수 있습니다.
"""

# %%
class ActivityPenalty(layers.Layer):
    """입력을 그대로 내보내면서, 입력의 크기에 매긴 벌점을 모델의 손실에 더합니다."""

    def __init__(self, rate=1e-2, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate

    def call(self, inputs):
        self.add_loss(self.rate * ops.mean(ops.sum(ops.abs(inputs), axis=-1)))
        return inputs


penalty_layer = ActivityPenalty(rate=0.5)
penalty_layer(ops.ones((2, 4)))
print("마지막 호출에서 더한 손실:", [float(loss) for loss in penalty_layer.losses])

# %% [markdown]
"""
이 층을 모델 안에 넣으면 벌점이 훈련 손실에 더해지므로, 훈련 중에 출력되는 손실이 순수한 크로스
엔트로피보다 커집니다.
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
층이 손실 전체를 더할 수도 있으니, `loss` 없이 모델을 컴파일하는 것도 가능합니다. 아래 층은 타깃을
로짓과 함께 모델의 입력으로 받아, `add_loss()`로 이진 크로스 엔트로피를 더하고 확률을 돌려줍니다.
`predict()`가 내놓는 것이 바로 이 확률입니다.
"""

# %%
class LogisticLossEndpoint(layers.Layer):
    """타깃과 로짓을 받아 손실을 직접 더하고, 확률을 돌려줍니다."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.loss_fn = keras.losses.BinaryCrossentropy(from_logits=True)

    def call(self, targets, logits, sample_weight=None):
        self.add_loss(self.loss_fn(targets, logits, sample_weight))
        return ops.sigmoid(logits)


# %% [markdown]
"""
모델의 입력은 특성과 타깃 두 개이고, `compile()`에는 손실을 주지 않습니다. `fit()`에는 입력 이름을
키로 하는 입력 딕셔너리를 넘기고 `y`는 넘기지 않습니다.
"""

# %%
features = keras.Input(shape=(3,), name="features")
targets = keras.Input(shape=(10,), name="targets")
logits = layers.Dense(10)(features)
probabilities = LogisticLossEndpoint(name="probabilities")(targets, logits)
endpoint_model = keras.Model(inputs=[features, targets], outputs=probabilities)
endpoint_model.compile(optimizer="adam")  # 손실 없음: 마지막 층이 더합니다

rng = np.random.default_rng(0)
data = {
    "features": rng.random((64, 3)).astype("float32"),
    "targets": rng.integers(0, 2, size=(64, 10)).astype("float32"),
}
history = endpoint_model.fit(data, batch_size=32, epochs=1, verbose=2)

# %% [markdown]
"""
Keras 3에는 지표를 이렇게 더하는 방법이 없습니다. Keras 2 층에 있던 `add_metric()` 메서드는
사라졌습니다(호출하면 `NotImplementedError`가 납니다). `y_true`와 `y_pred`로 계산하지 않는 값을
보고하려면, 소개에서 링크한 `fit()` 커스터마이징 가이드처럼 모델의 훈련 스텝을 오버라이드하세요.
입력이 여러 개인 모델은 [다중 입력, 다중 출력 모델](#다중-입력-다중-출력-모델에-데이터-전달하기)
절에서 더 다룹니다.
"""

# %% [markdown]
"""
### 검증 데이터를 자동으로 떼어 두기

첫 예제에서는 NumPy 배열 튜플 `(x_val, y_val)`을 `validation_data`에 넣어 검증 데이터를 직접
넘겼습니다. 다른 방법은 `validation_split`입니다. 훈련 데이터 중 검증용으로 떼어 둘 비율을 0과 1
사이의 값으로 주면 `fit()`이 알아서 나눕니다. `validation_split=0.2`는 데이터의 20%를 검증에 쓰고
나머지 80%로 모델을 훈련한다는 뜻입니다.

`fit()`은 검증 샘플을 섞기 전의 배열 끝에서 가져옵니다. 여기서는 이미지 10,000개 중 마지막
2,000개이므로, 훈련에는 8,000개가 128개씩 배치 63개로 쓰입니다(마지막 배치는 더 작습니다). 다음
절에서 보듯이 `validation_split`은 배열에서만 쓸 수 있습니다.
"""

# %%
model = make_compiled_model()
history = model.fit(x_train, y_train, batch_size=128, validation_split=0.2, epochs=1, verbose=2)

# %% [markdown]
"""
## `tf.data` 데이터셋으로 훈련하고 평가하기

지금까지는 데이터를 NumPy 배열로 넘겼습니다. `fit()`은 배치를 차례로 만들어 내는 데이터 소스도
받습니다. `tf.data.Dataset`, PyTorch `DataLoader`, 케라스 `PyDataset`입니다. 먼저 `tf.data`부터
봅시다.

`tf.data`는 데이터를 빠르게, 대규모로 불러오고 전처리하는 TensorFlow의 API입니다. 데이터셋을 만드는
방법은 [tf.data 가이드](https://www.tensorflow.org/guide/data)에 있습니다. **`tf.data`는 JAX,
TensorFlow, PyTorch 중 어느 백엔드에서든 케라스 모델을 훈련하는 데 쓸 수 있습니다.** 이 페이지도 세
백엔드 모두에서 그렇게 합니다. `Dataset`은 `fit()`, `evaluate()`, `predict()`에 바로 넘길 수
있습니다.

데이터셋은 완성된 배치를 내놓으므로 `fit()`에 `batch_size`를 주지 않습니다. 섞는 일도 데이터셋이
직접 합니다(`.shuffle()`). `fit()`의 `shuffle` 인수는 배열에만 적용되고, 데이터셋을 받으면 케라스가
이 인수를 무시한다는 경고를 내므로 `shuffle=False`를 넘깁니다.
"""

# %%
model = make_compiled_model()

# (이미지, 레이블) 쌍을 샘플 1,024개 크기의 버퍼로 섞고 128개씩 배치로 묶습니다.
train_dataset = tf.data.Dataset.from_tensor_slices((x_train, y_train))
train_dataset = train_dataset.shuffle(buffer_size=1024, seed=1).batch(128)

test_dataset = tf.data.Dataset.from_tensor_slices((x_test, y_test)).batch(128)

history = model.fit(train_dataset, epochs=1, shuffle=False, verbose=2)

# %% [markdown]
"""
평가도 같은 방식입니다. `evaluate()`는 기본적으로 값의 리스트를 돌려주며, 각 값의 이름은
`model.metrics_names`에서 찾게 되어 있습니다. 그런데 Keras 3에서는 `compile()`에 넘긴 지표들이
`compile_metrics`라는 이름 하나로 묶여 나옵니다. `return_dict=True`를 주면 값마다 실제 이름이
붙습니다.
"""

# %% tags=["tolerance-training"]
result = model.evaluate(test_dataset, verbose=2, return_dict=True)
print({name: round(value, 4) for name, value in result.items()})
print("metrics_names:", model.metrics_names)

# %% [markdown]
"""
에포크가 끝나면 데이터셋을 처음부터 다시 읽으므로, 데이터셋 하나를 모든 에포크에 쓸 수 있습니다.

에포크마다 데이터셋의 일부로만 훈련하려면 한 에포크를 끝낼 배치 수인 `steps_per_epoch`를 넘깁니다.
이때는 데이터셋이 에포크마다 처음부터 다시 시작하지 **않습니다**. 다음 에포크는 이전 에포크가 멈춘
곳에서 이어집니다. 이 데이터셋에는 배치가 79개 있는데, 30스텝짜리 에포크 두 번은 그중 앞의 60개를
읽고, 옵티마이저는 모두 60스텝을 진행합니다. 데이터셋에 든 것보다 많은 배치를 요청했다면
`Your input ran out of data`라는 경고와 함께 훈련이 일찍 끝났을 것입니다. `.repeat()`를 쓰면
데이터셋이 끝없이 이어집니다.
"""

# %%
model = make_compiled_model()
history = model.fit(train_dataset, epochs=2, steps_per_epoch=30, shuffle=False, verbose=2)
print("옵티마이저 스텝:", int(model.optimizer.iterations))

# %% [markdown]
"""
### 검증 데이터셋 사용하기

`Dataset`은 `fit()`의 `validation_data`로도 쓸 수 있습니다.
"""

# %%
val_dataset = tf.data.Dataset.from_tensor_slices((x_val, y_val)).batch(128)

model = make_compiled_model()
history = model.fit(train_dataset, epochs=1, validation_data=val_dataset, shuffle=False, verbose=2)

# %% [markdown]
"""
에포크가 끝날 때마다 모델은 검증 데이터셋 전체를 돌며 검증 손실과 지표를 계산합니다.

일부로만 검증하려면 검증 배치 수인 `validation_steps`를 넘깁니다. `steps_per_epoch`와 달리 검증
데이터셋은 매번 처음부터 다시 시작하므로, 모든 에포크를 같은 샘플로 측정합니다. 여기서는 앞의 배치
5개, 즉 이미지 2,000개 중 640개로 검증합니다.
"""

# %%
model = make_compiled_model()
history = model.fit(
    train_dataset,
    epochs=1,
    validation_data=val_dataset,
    validation_steps=5,  # 앞의 배치 5개로만 검증합니다
    shuffle=False,
    verbose=2,
)

# %% [markdown]
"""
`validation_split`은 `Dataset`과 함께 쓸 수 없습니다. 샘플을 떼어 두려면 인덱스로 샘플에 접근할 수
있어야 하는데, 데이터셋은 일반적으로 그럴 수 없기 때문입니다. `fit()`은 곧바로 오류를 냅니다.
"""

# %% tags=["raises-exception"]
model = make_compiled_model()
model.fit(train_dataset, epochs=1, validation_split=0.2, shuffle=False)

# %% [markdown]
"""
## `PyDataset` 인스턴스로 훈련하고 평가하기

`keras.utils.PyDataset`은 파이썬 코드로 데이터를 공급할 때 쓰는 기반 클래스입니다. 파이썬
제너레이터와 비교하면 장점이 두 가지 있습니다.

- 여러 배치를 병렬로(스레드나 프로세스로) 준비할 수 있습니다.
- 배치를 아무 순서로나 꺼낼 수 있어서 `fit()`이 섞을 수 있습니다(`fit()`의 기본값인
  `shuffle=True`이면 에포크마다 배치의 순서를 섞습니다).

`PyDataset`은 메서드 두 개를 구현해야 합니다.

- `__len__()`: 배치 개수를 돌려줍니다.
- `__getitem__(index)`: `index`번 배치를 돌려줍니다. 샘플 하나가 아니라 배치 전체입니다.

에포크 사이에 데이터를 바꾸려면 `on_epoch_end()`도 구현합니다. 생성자는 추가 키워드 인수를
`super().__init__()`에 넘겨야 합니다. 이 인수들의 쓰임은 아래에서 설명합니다.
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
print("배치 개수:", len(train_batches), "첫 배치:", images.shape, labels.shape)

# %% [markdown]
"""
훈련할 때는 `PyDataset`을 `x`로 넘깁니다. 타깃도 함께 내놓으므로 `y`는 필요 없고, 배치 단위로
내놓으므로 `batch_size`도 필요 없습니다. 검증용 `PyDataset`은 `validation_data`에 넣습니다.
"""

# %%
model = make_compiled_model()
history = model.fit(train_batches, validation_data=val_batches, epochs=1, verbose=2)

# %% [markdown]
"""
평가도 마찬가지로 간단합니다.
"""

# %% tags=["tolerance-training"]
result = model.evaluate(val_batches, verbose=2, return_dict=True)
print({name: round(value, 4) for name, value in result.items()})

# %% [markdown]
"""
`PyDataset` 생성자의 인수 세 개로 `fit()`이 데이터를 병렬로 읽는 방식을 정합니다.

- `workers`: 배치를 준비하는 스레드나 프로세스의 개수입니다. 보통 CPU 코어 수로 정합니다.
- `use_multiprocessing`: 스레드 대신 프로세스를 쓰려면 `True`로 합니다. 순수 파이썬으로 계산하는 코드는
  프로세스를 써야 빨라질 수 있습니다(스레드는 주로 파일이나 네트워크를 기다리는 시간, 그리고
  NumPy처럼 인터프리터 잠금(GIL)을 풀어 주는 라이브러리의 계산에서 도움이 됩니다).
  대신 데이터셋이 프로세스마다 복사되므로 피클링할 수 있어야 합니다.
- `max_queue_size`: 준비된 배치가 큐에서 기다릴 수 있는 최대 개수입니다(기본값 10). 메모리를 덜
  쓰려면 줄이세요.

기본값은 워커 하나에 멀티프로세싱을 쓰지 않는 것입니다. `use_multiprocessing`은 코드가
`if __name__ == "__main__":` 아래에서 실행되는 스크립트에서만 켜세요. 그래야 프로세스가 시작될 때
문제가 생기지 않습니다. 다음은 멀티프로세싱 없이 스레드 두 개를 쓰는 예입니다.
"""

# %%
train_batches = MNISTBatches(x_train, y_train, batch_size=128, workers=2)
val_batches = MNISTBatches(x_val, y_val, batch_size=128, workers=2)

model = make_compiled_model()
history = model.fit(train_batches, validation_data=val_batches, epochs=1, verbose=2)

# %% [markdown]
"""
## PyTorch `DataLoader`로 훈련하고 평가하기

내장 훈련·평가 메서드는 PyTorch의 `torch.utils.data.DataLoader`도 받습니다. 백엔드가 PyTorch든
JAX든 TensorFlow든 상관없습니다.

배치 단위로 동작하는 `PyDataset`과 달리 PyTorch의 `Dataset`은 샘플 단위로 동작합니다.
`__len__()`은 샘플 개수를, `__getitem__(index)`는 샘플 하나를 돌려줍니다.
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
print("샘플 개수:", len(train_samples), len(val_samples))

# %% [markdown]
"""
`DataLoader`는 `Dataset`을 감싸서 배치로 묶고 섞는 일을 맡습니다. 시드를 정한 생성기를 넘기면 섞는
순서를 재현할 수 있습니다.
"""

# %%
train_loader = torch.utils.data.DataLoader(
    train_samples, batch_size=128, shuffle=True, generator=torch.Generator().manual_seed(1)
)
val_loader = torch.utils.data.DataLoader(val_samples, batch_size=128)

# %% [markdown]
"""
이제 두 로더를 다른 배치 소스와 똑같이 케라스의 `fit()`과 `evaluate()`에 넘깁니다. `tf.data`와 마찬가지로 섞는 일은 로더가 하므로
`fit()`에는 `shuffle=False`를 줍니다.
"""

# %% tags=["tolerance-training"]
model = make_compiled_model()
history = model.fit(train_loader, validation_data=val_loader, epochs=1, shuffle=False, verbose=2)
result = model.evaluate(val_loader, verbose=2, return_dict=True)
print({name: round(value, 4) for name, value in result.items()})

# %% [markdown]
"""
## 샘플 가중치와 클래스 가중치 사용하기

기본적으로는 모든 샘플이 손실에서 같은 비중을 차지하므로, 각 클래스는 데이터에 나타나는 빈도만큼
영향을 미칩니다. 빈도와 상관없이 이 비중을 바꾸는 방법이 두 가지 있습니다.

- 클래스 가중치
- 샘플 가중치
"""

# %% [markdown]
"""
### 클래스 가중치

`class_weight`는 `fit()`에 넘기는 딕셔너리로, 클래스 인덱스마다 그 클래스에 속한 샘플의 가중치를
정합니다. 데이터를 다시 샘플링하지 않고 클래스의 균형을 맞추거나, 모델이 특정 클래스에 더 신경 쓰게
만들 때 씁니다.

예를 들어 데이터에서 클래스 0이 클래스 1의 절반만큼만 나온다면 `class_weight={0: 1.0, 1: 0.5}`를
줄 수 있습니다. 여기서는 숫자 5를 다른 숫자보다 두 배로 중요하게 다룹니다.
"""

# %%
# 모든 숫자의 가중치는 1이고, 5만 두 배로 셉니다.
class_weight = {digit: 1.0 for digit in range(10)}
class_weight[5] = 2.0

model = make_compiled_model()
history = model.fit(x_train, y_train, class_weight=class_weight, batch_size=128, epochs=1, verbose=2)

# %% [markdown]
"""
`class_weight`는 출력이 하나인 모델에서 배열, `tf.data` 데이터셋, `PyDataset` 인스턴스와 함께 쓸 수
있습니다. PyTorch `DataLoader`는 이를 지원하지 않습니다. 오류 메시지가 알려 주는 우회 방법은
`Dataset`이 샘플마다 가중치를 함께 돌려주게 하는 것입니다(다음 절을 보세요).
"""

# %% tags=["raises-exception"]
model.fit(train_loader, class_weight=class_weight, epochs=1, shuffle=False)

# %% [markdown]
"""
### 샘플 가중치

더 세밀하게 조절하고 싶거나 분류 모델이 아니라면 샘플 가중치를 씁니다.

- NumPy 배열이라면 가중치 배열을 `fit()`의 `sample_weight`로 넘깁니다.
- `tf.data` 데이터셋, `PyDataset`, `DataLoader` 같은 배치 소스라면
  `(inputs, targets, sample_weights)` 세 항목으로 된 튜플을 내놓게 합니다.

샘플 가중치 배열에는 샘플마다 숫자가 하나씩 들어 있어서, 그 샘플이 전체 손실에서 얼마나 중요한지
나타냅니다. 흔히 불균형 분류에서 드문 클래스에 가중치를 더 줄 때 씁니다. 가중치가 0과 1뿐이면
*마스크*처럼 동작합니다. 가중치가 0인 샘플은 손실에 전혀 반영되지 않습니다.

위와 같은 가중치를 샘플 가중치로 주면 다음과 같습니다.
"""

# %%
sample_weight = np.where(y_train == 5, 2.0, 1.0).astype("float32")

model = make_compiled_model()
history = model.fit(x_train, y_train, sample_weight=sample_weight, batch_size=128, epochs=1, verbose=2)

# %% [markdown]
"""
원소마다 세 번째 항목에 가중치를 담은 `Dataset`으로 주면 다음과 같습니다.
"""

# %%
weighted_dataset = tf.data.Dataset.from_tensor_slices((x_train, y_train, sample_weight))
weighted_dataset = weighted_dataset.shuffle(buffer_size=1024, seed=1).batch(128)

model = make_compiled_model()
history = model.fit(weighted_dataset, epochs=1, shuffle=False, verbose=2)

# %% [markdown]
"""
## 다중 입력, 다중 출력 모델에 데이터 전달하기

지금까지의 모델은 입력이 하나(모양이 `(784,)`인 텐서), 출력이 하나(모양이 `(10,)`인 텐서)였습니다.
입력이나 출력이 여러 개인 모델은 어떨까요?

다음 모델을 봅시다. 입력은 두 개입니다. 모양이 `(32, 32, 3)`(높이, 너비, 채널)인 이미지와, 모양이
`(None, 10)`(타임스텝, 특성. `None`은 타임스텝 수가 정해져 있지 않다는 뜻입니다)인 시계열입니다.
모델은 두 입력으로 출력 두 개를 계산합니다. 모양이 `(1,)`인 점수와, 다섯 범주에 대한 확률 분포로
모양이 `(5,)`인 출력입니다.
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
모델을 그려 보면 구조가 한눈에 보입니다(그림에 나온 모양은 배치 크기를 `None`으로 맨 앞에 둔 배치
모양입니다).
"""

# %%
keras.utils.plot_model(multi_model, "multi_input_and_output_model.png", show_shapes=True)

# %% [markdown]
"""
`compile()`에서는 출력마다 손실을 따로 줄 수 있습니다. 출력 순서대로 손실의 리스트를 넘기면 됩니다.
손실을 하나만 주면 모든 출력에 같은 손실이 적용되는데, 이 모델에는 맞지 않습니다.
"""

# %%
multi_model.compile(
    optimizer=keras.optimizers.RMSprop(1e-3),
    loss=[keras.losses.MeanSquaredError(), keras.losses.CategoricalCrossentropy()],
)

# %% [markdown]
"""
지표도 마찬가지로, 출력마다 지표의 리스트를 줍니다.
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
출력 층에 이름이 있으므로 손실과 지표를 출력 이름을 키로 하는 딕셔너리로 줄 수도 있습니다. 출력이
세 개 이상이면 이름과 딕셔너리를 쓰는 편이 더 명확합니다.

`loss_weights`는 전체 손실에서 각 출력의 손실이 차지하는 비중을 정합니다. 여기서는 점수의 손실을
범주의 손실보다 두 배로 셉니다.
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
예측에만 쓰는 출력에는 손실이 없어도 됩니다. 리스트에서든 딕셔너리에서든 그 출력 자리에 `None`을
씁니다. (Keras 3에서는 손실 딕셔너리에 모든 출력의 이름이 있어야 합니다. 출력을 빠뜨리면
`ValueError`가 나므로, "손실 없음"은 `None`으로 나타냅니다.)
"""

# %%
# 리스트로:
multi_model.compile(
    optimizer=keras.optimizers.RMSprop(1e-3),
    loss=[None, keras.losses.CategoricalCrossentropy()],
)

# 또는 딕셔너리로:
multi_model.compile(
    optimizer=keras.optimizers.RMSprop(1e-3),
    loss={"score": None, "category": keras.losses.CategoricalCrossentropy()},
)

# %% [markdown]
"""
이런 모델에 데이터를 넘기는 방식은 `compile()`에 손실을 넘기는 방식과 같습니다. **NumPy 배열의
리스트**(입력의 순서대로, 출력의 순서대로)로 넘기거나, **입력과 출력의 이름을 NumPy 배열에 대응시킨
딕셔너리**로 넘깁니다. 여기서는 무작위 데이터를 씁니다.
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

# 리스트로:
history = multi_model.fit(
    [image_data, series_data], [score_targets, category_targets], batch_size=32, epochs=1, verbose=2
)

# 또는 딕셔너리로:
history = multi_model.fit(
    {"image": image_data, "series": series_data},
    {"score": score_targets, "category": category_targets},
    batch_size=32,
    epochs=1,
    verbose=2,
)

# %% [markdown]
"""
`Dataset`도 같은 방식입니다. 각 원소는 입력 딕셔너리와 타깃 딕셔너리로 된 튜플입니다.
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
## 콜백 사용하기

콜백은 훈련 중 정해진 시점에 케라스가 호출하는 객체입니다. 각 에포크의 시작과 끝, 각 배치가 끝난
뒤 같은 시점입니다. 콜백으로 할 수 있는 일을 몇 가지 들면 다음과 같습니다.

- 에포크가 끝날 때 말고 다른 시점에도 검증하기
- 일정한 간격으로, 또는 정확도가 어떤 기준을 넘었을 때 모델 저장하기
- 훈련이 정체된 듯하면 학습률 낮추기
- 훈련이 정체된 듯하면 위쪽 층 미세 조정하기
- 훈련이 끝나거나 어떤 기준을 넘었을 때 이메일이나 메시지 보내기

콜백은 리스트로 묶어 `fit()`의 `callbacks` 인수에 넘깁니다. 여기서는 `EarlyStopping`이 검증 손실이
더 나아지지 않으면 훈련을 끝냅니다. 이 예제의 `min_delta`는 일부러 아주 크게 잡아서 어떤 개선도
개선으로 치지 않으므로, 훈련은 두 에포크 뒤에 멈춥니다(첫 에포크가 기준값을 정하고, 두 번째
에포크는 그 값을 `min_delta`만큼 넘어서지 못하며, `patience=1`이라 더 기다리지 않습니다). 실제로는
`min_delta`를 `1e-3` 정도로, `patience`를 몇 에포크로 두는 편이 적절합니다.
"""

# %%
model = make_compiled_model()

callbacks = [
    keras.callbacks.EarlyStopping(
        monitor="val_loss",  # 지켜볼 값
        min_delta=0.5,  # 이보다 작은 개선은 개선으로 치지 않습니다
        patience=1,  # 개선이 없을 때 멈추기 전에 기다릴 에포크 수
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
print("실행한 에포크:", len(history.history["loss"]), "(최대 20)")

# %% [markdown]
"""
### 다양한 내장 콜백

케라스에는 많은 콜백이 들어 있습니다. 몇 가지를 들면 다음과 같습니다.

- `ModelCheckpoint`: 일정한 간격으로 모델을 저장합니다.
- `EarlyStopping`: 검증 지표가 더 나아지지 않으면 훈련을 멈춥니다.
- `TensorBoard`: [텐서보드](https://www.tensorflow.org/tensorboard)로 볼 수 있는 로그를 씁니다
  ([마지막 절](#텐서보드로-훈련-중-손실과-지표-시각화하기) 참고).
- `CSVLogger`: 에포크마다 손실과 지표를 CSV 파일에 씁니다.
- `ReduceLROnPlateau`와 `LearningRateScheduler`: 학습률을 바꿉니다([학습률 스케줄
  사용하기](#학습률-스케줄-사용하기) 참고).

전체 목록은 [콜백 API 레퍼런스](https://keras.io/api/callbacks/)에 있습니다. 예를 들어
`CSVLogger`는 작업 폴더의 파일에 에포크마다 한 행씩 씁니다.
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
print("열:", rows[0])
print("행 수:", len(rows) - 1)

# %% [markdown]
"""
### 콜백 직접 작성하기

콜백을 직접 만들려면 `keras.callbacks.Callback`을 서브클래싱하고, 필요한 시점에 해당하는
메서드(`on_train_begin()`, `on_epoch_end()`, `on_train_batch_end()` 등)를 오버라이드합니다. 훈련
중인 모델에는 `self.model`로 접근합니다. 이렇게 오버라이드할 수 있는 메서드(훅)는 모두
[콜백 작성 가이드](https://keras.io/guides/writing_your_own_callbacks/)(영문)에 정리되어 있습니다.

아래 콜백은 배치마다 손실을 기록합니다. Keras 3에서 콜백이 배치가 끝난 뒤 받는 `loss`는 그 배치
하나의 손실이 아니라, 에포크가 시작된 뒤 그 배치까지의 평균 손실입니다. 그래서 한 에포크의 마지막
값이 곧 그 에포크의 손실입니다.
"""

# %% tags=["tolerance-training"]
class BatchLossRecorder(keras.callbacks.Callback):
    def on_train_begin(self, logs=None):
        self.batch_losses = []

    def on_train_batch_end(self, batch, logs=None):
        # 현재 에포크에서 이 배치까지의 평균 손실
        self.batch_losses.append(logs["loss"])

    def on_epoch_end(self, epoch, logs=None):
        steps = int(self.model.optimizer.iterations)
        print(f"에포크 {epoch + 1}: 기록한 값 {len(self.batch_losses)}개, 옵티마이저 스텝 {steps}번")


recorder = BatchLossRecorder()
model = make_compiled_model()
history = model.fit(x_train, y_train, batch_size=128, epochs=2, callbacks=[recorder], verbose=0)
print("처음 값들:", [round(value, 3) for value in recorder.batch_losses[:3]])
print("마지막 값:", round(recorder.batch_losses[-1], 4), "에포크 손실:", round(history.history["loss"][-1], 4))

# %% [markdown]
"""
## 모델 체크포인트 저장하기

큰 데이터셋으로 오래 훈련할 때는 모델의 체크포인트를 자주 저장하세요.

가장 간단한 방법은 `ModelCheckpoint` 콜백입니다. `save_best_only=True`와 `monitor="val_loss"`를
주면 검증 손실이 이전에 저장했을 때보다 좋아졌을 때만 파일을 씁니다. 파일 이름의 `{epoch:02d}`는
에포크 번호로 바뀝니다. 파일은 작업 폴더에 저장됩니다.
"""

# %%
model = make_compiled_model()

callbacks = [
    keras.callbacks.ModelCheckpoint(
        filepath="mnist_epoch_{epoch:02d}.keras",  # {epoch:02d}는 01, 02, ...로 바뀝니다
        save_best_only=True,  # 지켜보는 값이 좋아졌을 때만 저장합니다
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
`ModelCheckpoint`로 훈련에 장애 내성을 줄 수도 있습니다. 훈련이 도중에 끊기더라도 처음부터 다시
하지 않고, 마지막으로 저장한 상태에서 이어 가면 됩니다. `.keras` 파일에는 컴파일 설정과
옵티마이저의 상태까지 포함해 모델 전체가 들어 있습니다.

아래 함수는 체크포인트가 있으면 가장 최근 것을 복원하고, 없으면 새 모델을 만듭니다. 파일 이름에
앞을 0으로 채운 에포크 번호가 들어 있으므로 정렬했을 때 마지막 이름이 가장 최근 것입니다.
"""

# %%
checkpoint_dir = "ckpt"
os.makedirs(checkpoint_dir, exist_ok=True)


def make_or_restore_model():
    saved = sorted(name for name in os.listdir(checkpoint_dir) if name.endswith(".keras"))
    if saved:
        latest = os.path.join(checkpoint_dir, saved[-1])
        print("복원할 체크포인트:", latest)
        return keras.saving.load_model(latest)
    print("새 모델을 만듭니다")
    return make_compiled_model()


def checkpoint_callback():
    # 에포크마다 ckpt/에 파일 하나씩 씁니다.
    return keras.callbacks.ModelCheckpoint(filepath=os.path.join(checkpoint_dir, "epoch_{epoch:02d}.keras"))


model = make_or_restore_model()
history = model.fit(x_train, y_train, batch_size=128, epochs=1, callbacks=[checkpoint_callback()], verbose=2)

# %% [markdown]
"""
프로세스가 여기서 멈췄다고 해 봅시다. 다시 시작하면 같은 코드가 체크포인트를 찾아 모델을 옵티마이저와
함께 복원합니다. 옵티마이저는 이미 진행한 79스텝을 기억합니다. `initial_epoch=1`은 `fit()`에 첫
에포크가 끝났다고 알려 주므로, 훈련은 두 번째 에포크부터 이어집니다.
"""

# %%
model = make_or_restore_model()
print("이미 진행한 옵티마이저 스텝:", int(model.optimizer.iterations))
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
모델을 저장하고 복원하는 콜백을 직접 작성할 수도 있습니다. 저장에 관한 자세한 내용은
[모델 저장과 직렬화 가이드](https://keras.io/guides/serialization_and_saving/)(영문)에 있습니다.
"""

# %% [markdown]
"""
## 학습률 스케줄 사용하기

딥러닝 모델을 훈련할 때는 훈련이 진행될수록 학습률을 조금씩 낮추는 방법을 흔히 씁니다. 이를
학습률 감쇠라고 합니다.

감쇠는 현재 에포크나 스텝의 함수로 미리 정해 둔 정적인 방식일 수도 있고, 모델의 현재 상태, 특히
검증 손실에 반응하는 동적인 방식일 수도 있습니다.
"""

# %% [markdown]
"""
### 옵티마이저에 스케줄 전달하기

정적인 스케줄은 스케줄 객체를 옵티마이저의 `learning_rate`로 넘기면 됩니다. 옵티마이저는 스텝마다
스케줄에 학습률을 묻습니다. `ExponentialDecay`는 `decay_steps` 스텝마다 학습률에 `decay_rate`를
곱합니다. `staircase=True`이면 학습률이 스텝마다 조금씩 줄지 않고, `decay_steps` 스텝이 지날 때마다
계단처럼 한 번에 떨어집니다.
"""

# %%
lr_schedule = keras.optimizers.schedules.ExponentialDecay(
    initial_learning_rate=1e-3, decay_steps=50, decay_rate=0.5, staircase=True
)
print("스텝 0, 49, 50, 100의 학습률:", [round(float(lr_schedule(step)), 6) for step in (0, 49, 50, 100)])

optimizer = keras.optimizers.RMSprop(learning_rate=lr_schedule)

# %% [markdown]
"""
79스텝짜리 에포크 하나를 마치면 옵티마이저는 50스텝을 지났으므로 처음 학습률의 절반을 씁니다.
"""

# %%
model = make_model()
model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["sparse_categorical_accuracy"])
history = model.fit(x_train, y_train, batch_size=128, epochs=1, verbose=2)
print("스텝:", int(model.optimizer.iterations), "현재 학습률:", round(float(model.optimizer.learning_rate), 6))

# %% [markdown]
"""
내장 스케줄로는 `ExponentialDecay`, `PiecewiseConstantDecay`, `PolynomialDecay`,
`InverseTimeDecay`, `CosineDecay`, `CosineDecayRestarts`가 있습니다.
"""

# %% [markdown]
"""
### 콜백으로 동적 학습률 스케줄 구현하기

검증 손실이 더 나아지지 않을 때 학습률을 낮추는 것 같은 동적 스케줄은 스케줄 객체로 만들 수
없습니다. 옵티마이저는 검증 지표를 볼 수 없기 때문입니다.

콜백은 검증 지표를 포함해 모든 지표를 봅니다. 그러니 옵티마이저의 학습률을 바꾸는 콜백이면 되고,
케라스에는 이런 콜백이 `ReduceLROnPlateau`로 들어 있습니다. 예를 들어 두 에포크 동안 개선이 없으면
학습률을 절반으로 줄이려면 다음과 같이 씁니다.

```python
keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=2)
```

이런 콜백을 쓰려면 옵티마이저를 만들 때 학습률을 평범한 숫자로 주어야 합니다. 스케줄 객체로 만든
옵티마이저는 학습률을 바꿀 수 없어서 콜백이 `TypeError`를 냅니다.

`LearningRateScheduler`는 에포크 번호와 현재 학습률을 받는 함수로 에포크가 시작될 때마다 학습률을
정합니다. 여기서는 첫 에포크 뒤의 모든 에포크가 현재 학습률을 다시 절반으로 줄입니다(에포크가 두
번이면 한 번 줄어 0.0005가 됩니다). 각 에포크의 학습률은 로그와 훈련 기록(`history.history`)에도
남습니다.
"""

# %%
def halve_after_first_epoch(epoch, learning_rate):
    return learning_rate if epoch == 0 else learning_rate * 0.5


model = make_compiled_model()  # 학습률이 0.001로 고정된 RMSprop
history = model.fit(
    x_train,
    y_train,
    batch_size=128,
    epochs=2,
    callbacks=[keras.callbacks.LearningRateScheduler(halve_after_first_epoch, verbose=1)],
    verbose=2,
)
print("학습률:", [round(value, 6) for value in history.history["learning_rate"]])

# %% [markdown]
"""
## 텐서보드로 훈련 중 손실과 지표 시각화하기

훈련 중인 모델을 지켜보는 가장 좋은 방법은 [텐서보드](https://www.tensorflow.org/tensorboard)입니다.
내 컴퓨터에서 실행하는 애플리케이션으로, 브라우저에 다음을 보여 줍니다.

- 훈련과 평가의 손실 및 지표를 실시간으로 그린 그래프
- (선택) 층 활성화의 히스토그램
- (선택) `Embedding` 층에서 훈련된 임베딩 공간의 3D 시각화

TensorFlow와 텐서보드를 설치했다면(`pip install tensorboard`) 명령줄에서 로그가 쓰이는 폴더를
지정해 실행합니다.

```shell
tensorboard --logdir=logs
```
"""

# %% [markdown]
"""
### 텐서보드 콜백 사용하기

`fit()`에서 텐서보드 로그를 쓰는 가장 간단한 방법은 `TensorBoard` 콜백입니다. 가장 단순하게는 로그를
쓸 위치만 지정하면 됩니다.
"""

# %%
tensorboard_callback = keras.callbacks.TensorBoard(
    log_dir="logs",  # 로그를 쓸 위치
    histogram_freq=0,  # 가중치 히스토그램을 기록할 간격(에포크 단위). 0이면 기록하지 않습니다
    embeddings_freq=0,  # 임베딩을 기록할 간격(에포크 단위). 0이면 기록하지 않습니다
    update_freq="epoch",  # 지표를 에포크마다 한 번 씁니다("batch"이면 배치마다)
)
print("로그 폴더:", tensorboard_callback.log_dir)

# %% [markdown]
"""
그다음 다른 콜백처럼 `fit()`에 넘기면 됩니다(`model.fit(..., callbacks=[tensorboard_callback])`).
이 콜백은 TensorFlow의 `tf.summary`로 로그를 쓰기 때문에, 백엔드와 상관없이 TensorFlow와
`tensorboard` 패키지가 필요합니다. `tensorboard`가 없으면 `fit()`은 처음 로그를 쓰려는 순간
`TBNotInstalledError`를 내며 멈춥니다. 이 페이지의 실행 환경에는 `tensorboard`가 없으므로 여기서는
콜백을 실행하지 않습니다. 그 밖의 인수는 [`TensorBoard` 콜백 문서](https://keras.io/api/callbacks/tensorboard/)를
보세요.
"""

# %% [markdown]
"""
## 다음 단계

- `fit()`은 그대로 쓰면서 훈련 스텝 하나가 하는 일을 바꾸려면:
  [JAX](https://keras.io/guides/custom_train_step_in_jax/),
  [TensorFlow](https://keras.io/guides/custom_train_step_in_tensorflow/),
  [PyTorch](https://keras.io/guides/custom_train_step_in_torch/)용 `fit()` 커스터마이징 가이드(영문)
- [콜백 직접 작성하기](https://keras.io/guides/writing_your_own_callbacks/)(영문): 콜백의 모든 훅
- 이 사이트의 [엔지니어를 위한 케라스 소개](intro_to_keras_for_engineers.md): 각 백엔드에서 모델을
  만들고, 훈련하고, 저장하고, 커스터마이징하기
"""
