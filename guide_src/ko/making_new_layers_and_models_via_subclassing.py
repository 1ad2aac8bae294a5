# ---
# jupyter:
#   jupytext:
#     cell_markers: '"""'
#     formats: py:percent
#     notebook_metadata_filter: guide
#   guide:
#     title: 서브클래싱으로 새로운 층과 모델 만들기
#     description: Layer와 Model을 서브클래싱해 나만의 케라스 층과 모델을 만듭니다. 코드는 JAX, TensorFlow, PyTorch에서 그대로 실행됩니다.
#     author: François Chollet
#     translator: 케라스 3 가이드 기여자
#     date_created: '2019-03-01'
#     last_modified: '2026-12-05'
#     original: https://keras.io/guides/making_new_layers_and_models_via_subclassing/
#     backends: [jax, tensorflow, torch]
#     timeout: 600
# ---

# %% [markdown]
"""
## 소개

케라스에는 미리 만들어진 층이 많지만, 언젠가는 아직 없는 층이 필요해집니다. 이 가이드에서는
`keras.layers.Layer`를 서브클래싱해 층을 직접 만드는 방법과, 그렇게 만든 층들을 `keras.Model`의
서브클래스로 묶어 훈련할 수 있는 객체로 만드는 방법을 알아봅니다. 다루는 내용은 다음과 같습니다.

- 층이 상태(가중치)와 계산(`call()`)을 함께 담는 방식
- `add_weight()`로 훈련되는 가중치와 훈련되지 않는 가중치 만들기
- 입력 모양을 알게 된 뒤 `build()`에서 가중치 만들기
- 층 안에 층 넣기
- 모든 백엔드에서 동작하는 층 작성하기, 그리고 백엔드 전용 층의 모습
- `add_loss()`로 층 안에서 손실 만들기
- `get_config()`로 층을 직렬화할 수 있게 만들기
- `call()`의 특별한 매개변수 `training`과 `mask`
- `Model` 클래스, 그리고 엔드투엔드 예제인 변이형 오토인코더

!!! note "이 페이지에 대해"
    이 페이지는 keras.io의 같은 제목 가이드를 따라가되, 이 사이트를 위해 새로 쓴 것입니다. 아래 코드
    블록은 모두 JAX, TensorFlow, PyTorch **세 백엔드에서** 실제로 실행했습니다. 백엔드마다 출력이 다른
    곳에는 백엔드별로 탭이 하나씩 있습니다. keras.io와 일부러 다르게 한 점은 다음과 같습니다.

    - 세 백엔드가 같은 형식으로 출력하도록, 텐서는 NumPy 배열로 바꾼 다음 출력합니다.
    - 백엔드 전용 층, 마스킹 예제, `Model` 예제는 이 페이지에서 실제로 실행되는 코드 셀입니다. keras.io는
      이것들을 실행하지 않는 코드로 보여 주거나 글로만 설명합니다.
    - `add_loss()`를 `fit()`과 함께 쓰는 예제에는 모델에 `Dense` 층을 넣어, 훈련 중에 업데이트할 가중치가
      있게 했습니다.
    - 코어 2개짜리 CPU에서도 금방 실행되도록, 변이형 오토인코더는 MNIST 훈련 이미지 60,000개 중
      10,000개로 배치 크기 128을 써서 2 에포크 동안 훈련합니다. keras.io는 60,000개 전부를 배치 크기
      64로 훈련합니다.
"""

# %% [markdown]
"""
## 설정

케라스는 처음 임포트될 때 `KERAS_BACKEND` 환경 변수를 읽어 백엔드를 정합니다(`"jax"`, `"tensorflow"`,
`"torch"`). 이 페이지는 백엔드마다 한 번씩 실행했습니다. 층 안에서 쓰는 연산은 `keras.ops`에 있습니다.
"""

# %%
import numpy as np
import keras
from keras import ops

print("Keras", keras.__version__, "백엔드:", keras.backend.backend())

# %% [markdown]
"""
## `Layer` 클래스: 상태(가중치)와 계산

케라스의 대부분은 `Layer`라는 클래스 하나를 중심으로 이루어져 있습니다. 층은 상태인 *가중치*와
입력을 출력으로 바꾸는 계산을 한데 묶습니다. 이 계산을 정의하는 `call()` 메서드가 층의 정방향 계산입니다.

다음은 완전 연결 층입니다. 상태는 층의 `add_weight()` 메서드로 만든 두 변수 `w`와 `b`이고,
`call()`에 정의한 계산은 `inputs @ w + b`입니다.
"""


# %%
class Linear(keras.layers.Layer):
    """완전 연결 층: inputs @ w + b"""

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
층을 쓰려면 함수를 호출하듯 텐서를 넣어 호출합니다. 그러면 `call()`이 실행됩니다.
"""

# %%
x = ops.ones((2, 2))
linear_layer = Linear(units=4, input_dim=2)
y = linear_layer(x)
print("출력 모양:", tuple(y.shape))
print(ops.convert_to_numpy(y).round(4))

# %% [markdown]
"""
입력의 두 행이 모두 `[1, 1]`이므로 출력의 두 행도 같습니다. 값은 `w`를 무작위로 초기화한 데서
나옵니다(`b`는 0에서 시작합니다).

층은 `w`와 `b`를 자동으로 추적합니다. `add_weight()`로 만든 가중치는 만든 순서대로 층의 `weights`
리스트에 들어갑니다.
"""

# %%
print([weight.name for weight in linear_layer.weights])
assert linear_layer.weights == [linear_layer.w, linear_layer.b]

# %% [markdown]
"""
## 층은 훈련되지 않는 가중치도 가질 수 있습니다

모든 가중치가 훈련 대상인 것은 아닙니다. `trainable=False`로 만든 가중치는 훈련 중에 역전파가
건드리지 않습니다. 값을 바꿔야 한다면 층이 직접 바꿉니다. 예를 들어 변수의 `assign_add()` 메서드를
씁니다.

다음 층은 지금까지 호출될 때 받은 모든 배치의 누적 합을 유지합니다.
"""


# %%
class ComputeSum(keras.layers.Layer):
    """지금까지 받은 모든 입력을 특성별로 더합니다."""

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
`total`은 층의 `weights`에 들어 있지만 훈련되지 않는 가중치로 분류되고, 훈련되는 가중치 리스트는
비어 있습니다.
"""

# %%
print("가중치:", len(my_sum.weights))
print("훈련되지 않는 가중치:", len(my_sum.non_trainable_weights))
print("훈련되는 가중치:", my_sum.trainable_weights)

# %% [markdown]
"""
## 권장 방법: 입력 모양을 알게 된 뒤에 가중치 만들기

앞의 `Linear` 층은 `__init__()`에서 `w`의 모양을 계산하려고 `input_dim` 매개변수를 받았습니다.
그러면 층을 쓰는 사람이 입력 크기를 미리 알고 한 번 더 적어 줘야 합니다. 층이 처음 받는 데이터에서
그 크기를 알아내게 하는 편이 더 간단합니다.

케라스에는 바로 이런 일을 하는 `build(self, input_shape)` 메서드가 있습니다. 가중치는 여기서 만듭니다.
"""


# %%
class Linear(keras.layers.Layer):
    """처음 받은 입력에 맞춰 가중치 크기를 정하는 완전 연결 층"""

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
층을 처음 호출하면 케라스가 입력의 모양을 인자로 `build()`를 호출한 다음 `call()`을 호출합니다. 그
뒤의 호출은 곧바로 `call()`로 갑니다. 이제 이 층은 가중치를 필요한 시점에 만들므로 쓰기가 더
편합니다. 처음 받는 입력의 크기가 무엇이든 그에 맞춰 가중치를 만듭니다.
"""

# %%
linear_layer = Linear(32)  # 어떤 입력이 들어올지 아직 아무것도 정하지 않았습니다.
print("빌드됨:", linear_layer.built, "- 가중치:", len(linear_layer.weights))

y = linear_layer(ops.ones((2, 6)))  # 처음 호출할 때 가중치가 만들어집니다.
print("빌드됨:", linear_layer.built, "- 가중치:", len(linear_layer.weights))
print("w 모양:", tuple(linear_layer.w.shape))

# %% [markdown]
"""
`build()`를 `call()`과 나누면 한 번만 하는 일(가중치 만들기)과 호출할 때마다 하는 일(가중치 쓰기)이
분리됩니다. Keras 3에서는 이 분리가 권장 사항에 그치지 않고 규칙입니다. 층의 상태는 모두 `__init__()`이나 `build()`에서
만들어야 합니다. 빌드가 끝난 층은 새 변수를 받아들이지 않으므로, `call()` 안에서 가중치를 만들려는
층은 처음 호출할 때 다음과 같은 오류를 냅니다.
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
## 층 안의 층

층은 다른 층을 사용할 수 있습니다. 다른 층을 속성으로 저장하면, 바깥 층이 자기 가중치와 함께 그
층들의 가중치도 추적합니다. 보통은 하위 층을 `__init__()`에서 만들고 `call()`에서 사용하며, 빌드는
첫 호출에 맡깁니다.
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
y = mlp(ops.ones((3, 64)))  # 처음 호출할 때 하위 층 세 개의 가중치가 모두 만들어집니다.
print("가중치:", len(mlp.weights))
print("훈련되는 가중치:", len(mlp.trainable_weights))
print("모양:", [tuple(weight.shape) for weight in mlp.weights])

# %% [markdown]
"""
바깥 층의 가중치 리스트에는 하위 층 세 개의 `w`와 `b`가, 하위 층을 `__init__()`에서 할당한 순서대로
들어 있습니다.

## 모든 백엔드에서 동작하는 층과 한 백엔드 전용 층

케라스 API(`keras.ops`, `keras.random`, `keras.activations`, `keras.layers` 등)만 쓰는 층은 JAX,
TensorFlow, PyTorch 중 어느 백엔드에서든 실행됩니다. 지금까지 만든 층은 모두 이런 층입니다.
`keras.ops`에는 다음이 들어 있습니다.

- NumPy API: `ops.matmul`, `ops.sum`, `ops.reshape`, `ops.stack` 등
- 신경망에 특화된 연산: `ops.relu`, `ops.softmax`, `ops.conv`, `ops.binary_crossentropy` 등

이런 층이 반환하는 값은 지금 쓰는 백엔드의 텐서입니다.
"""

# %%
print("출력 타입:", type(y).__module__, type(y).__name__)

# %% [markdown]
"""
층 안에서 백엔드 자체의 API(`jax.numpy`, `tf.nn`, `torch.nn.functional` 등)를 호출해도 됩니다. 다만 그러면
그 층은 해당 백엔드에서만 동작합니다. 다음은 `Linear` 층을 백엔드마다 한 번씩, 세 번 작성한 것입니다.
각 층은 케라스 가중치가 감싸고 있는 백엔드 자체의 배열이나 변수를 `.value`로 읽고, 각 블록은 이 층으로
만든 작은 모델을 무작위 데이터로 훈련합니다. 각 블록은 자기 백엔드에서만 실행되고 나머지 두 백엔드에서는 오류를 내므로, 블록마다
해당 백엔드를 표시해 두었습니다.
"""

# %%
rng = np.random.default_rng(0)
x_small = rng.normal(size=(64, 4)).astype("float32")
y_small = x_small @ rng.normal(size=(4, 2)).astype("float32")
print("입력:", x_small.shape, "타깃:", y_small.shape)

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
print("w를 담은 타입:", type(jax_model.layers[0].w.value).__name__)

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
print("w를 담은 타입:", type(tf_model.layers[0].w.value).__name__)

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
print("w를 담은 타입:", type(torch_model.layers[0].w.value).__name__)

# %% [markdown]
"""
어느 백엔드에서나 실행되는 층은 쓸모가 큽니다. 같은 코드를 오늘은 JAX 프로젝트에서, 내일은 PyTorch
프로젝트에서 쓸 수 있습니다. 그러니 이 가이드의 다른 층들처럼 층 안에서는 케라스 API를 쓰세요.

## `add_loss()` 메서드

층이 정방향 계산 중에, 훈련에서 주 손실과 함께 최소화할 값을 계산해야 할 때가 있습니다. 규제
항이 그런 예입니다. 층은 이 값을 `self.add_loss(value)`로 기록합니다.
"""


# %%
class ActivityRegularizationLayer(keras.layers.Layer):
    """입력을 그대로 내보내면서, 그 입력에 대한 활성화 규제 손실을 기록합니다."""

    def __init__(self, rate=1e-2):
        super().__init__()
        self.rate = rate

    def call(self, inputs):
        self.add_loss(self.rate * ops.mean(ops.square(inputs)))
        return inputs


# %% [markdown]
"""
`keras.ops`로 계산한 스칼라라면 무엇이든 됩니다. `Loss` 객체는 필요 없습니다.

`losses` 속성은 층 자신과 그 안의 모든 층이 기록한 값을 모아 둡니다. 가장 바깥 층을 호출할 때마다
이 리스트가 비워지므로 값이 쌓이지 않습니다. `add_loss()`로 기록한 값 가운데 `layer.losses`에
남는 것은 가장 최근의 정방향 계산이 기록한 값뿐입니다. (아래에서 볼 가중치 규제 손실은 다릅니다.
`losses`를 읽을 때마다 현재 가중치로 다시 계산하므로, 가중치가 만들어져 있기만 하면(`build()` 이후) 층을
호출하지 않아도 값이 있습니다.)
"""


# %%
class OuterLayer(keras.layers.Layer):
    def __init__(self):
        super().__init__()
        self.activity_reg = ActivityRegularizationLayer(1e-2)

    def call(self, inputs):
        return self.activity_reg(inputs)


layer = OuterLayer()
print("호출 전:", len(layer.losses))  # 아직 호출하지 않았으므로 손실이 없습니다.

_ = layer(ops.ones((1, 1)))
print("한 번 호출한 뒤:", len(layer.losses))  # 안쪽 층이 만든 손실 하나

_ = layer(ops.ones((1, 1)))
print("두 번 호출한 뒤:", len(layer.losses))  # 여전히 하나: 마지막 호출의 손실만 남습니다.

# %% [markdown]
"""
가중치 규제 손실도 여기에 모입니다. `kernel_regularizer`를 지정해 만든 `Dense` 층을 다른 층 안에
넣으면, 그 벌점이 바깥 층의 `losses`에 들어갑니다.
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

# 위의 kernel_regularizer가 만든 1e-3 * sum(layer.dense.kernel ** 2)
print("손실:", [round(float(ops.convert_to_numpy(loss)), 6) for loss in layer.losses])

# %% [markdown]
"""
훈련 루프를 직접 작성할 때는 이 손실을 주 손실에 더합니다. 배치 하나에 대해 최소화할 값은 주 손실에
`sum(layer.losses)`를 더한 값입니다.
"""

# %%
loss_fn = keras.losses.MeanSquaredError()
inputs = ops.ones((4, 1))
targets = ops.zeros((4, 32))

predictions = layer(inputs)  # 이 정방향 계산이 layer.losses를 새로 채웁니다.
main_loss = loss_fn(targets, predictions)
total_loss = main_loss + sum(layer.losses)
print("주 손실:", round(float(ops.convert_to_numpy(main_loss)), 6))
print("규제 손실을 더한 값:", round(float(ops.convert_to_numpy(total_loss)), 6))

# %% [markdown]
"""
훈련 루프에서 이 손실의 그레이디언트를 계산해 적용하는 단계는 백엔드에 따라 다릅니다. JAX에서는 이
손실을 모으는 방법도 다릅니다. 손실 함수 안에서 모델을 `stateless_call()`로 실행하면 이 호출에서 생긴
손실이 `model.losses`에 담기지 않으므로, `stateless_call(..., return_losses=True)`가 돌려주는 손실을 대신
더해야 합니다. 이 사이트의 [훈련 루프 처음부터 작성하기](writing_a_training_loop_from_scratch.md)는
"모델이 추적하는 손실을 저수준에서 다루기" 절에서 그레이디언트 계산과 손실 수집을 세 백엔드에서 각각 보여
줍니다.
[연구자를 위한 케라스 소개](intro_to_keras_for_researchers.md)에도 이런 손실을 쓰는 훈련 루프를
TensorFlow로 작성한 예가 있습니다.

`fit()`을 쓸 때는 따로 작성할 코드가 없습니다. `fit()`이 `add_loss()`로 기록한 손실을 모두 합해,
주 손실이 있으면 거기에 더해 줍니다.
"""

# %%
inputs = keras.Input(shape=(3,))
x = keras.layers.Dense(3)(inputs)
outputs = ActivityRegularizationLayer()(x)
model = keras.Model(inputs, outputs)

# compile()에 손실을 지정하면 규제 손실이 그 손실에 더해집니다.
model.compile(optimizer="adam", loss="mse")
model.fit(rng.random((8, 3)), rng.random((8, 3)), verbose=2)

# compile()에 손실을 지정하지 않아도 됩니다. 정방향 계산 중에
# add_loss()가 기록하는 손실이 있으므로 모델에는 최소화할 손실이 있습니다.
model.compile(optimizer="adam")
history = model.fit(rng.random((8, 3)), rng.random((8, 3)), verbose=2)

# %% [markdown]
"""
## 선택 사항: 층의 직렬화 지원하기

직접 만든 층이 들어 있는 [함수형 모델](functional_api.md)을 `.keras` 파일 등으로 저장했다가 다시
불러오려면, 케라스가 그 층을 다시 만들 수 있어야 합니다. `__init__()`이 `**kwargs`를 받고 나머지 인자가
단순한 값(숫자, 문자열, 불리언, None, 이런 값의 리스트나 딕셔너리)이면 케라스 3이 설정(config)을 자동으로
만들어 주기도 합니다. 그래도 가장 확실한 방법은 층에 `__init__()`의 인자를 반환하는 `get_config()`
메서드를 구현하는 것입니다.
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


# 이제 설정으로부터 층을 다시 만들 수 있습니다.
layer = Linear(64)
config = layer.get_config()
print(config)
new_layer = Linear.from_config(config)
print("새 층의 units:", new_layer.units)

# %% [markdown]
"""
기반 클래스의 `__init__()`에도 `name`, `dtype` 같은 자체 키워드 인자가 있습니다. `**kwargs`를 받아
`super().__init__()`에 넘기고, 설정은 `super().get_config()`에서 시작하세요. 그래야 이 값들이 저장했다가
다시 만드는 과정에서도 유지됩니다.
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
print("새 층의 이름:", new_layer.name)

# %% [markdown]
"""
`get_config()`가 있으면 이 층을 쓰는 함수형 모델을 저장했다가 다시 불러올 수 있습니다. 불러올 때는
파일 안의 `"Linear"`라는 이름이 어떤 클래스인지 `custom_objects`로 케라스에 알려 줍니다(또는
`@keras.saving.register_keras_serializable()` 데코레이터로 클래스를 한 번 등록해 둡니다).
"""

# %%
inputs = keras.Input(shape=(4,))
outputs = Linear(3)(inputs)
model = keras.Model(inputs, outputs)
model.save("linear_model.keras")

restored = keras.saving.load_model("linear_model.keras", custom_objects={"Linear": Linear})
probe = np.ones((2, 4), dtype="float32")
print("출력이 같은가:", np.allclose(model.predict(probe, verbose=0), restored.predict(probe, verbose=0)))

# %% [markdown]
"""
`from_config()`는 클래스 메서드입니다. 생성자를 호출하는 것만으로 층을 다시 만들 수 없을 때
오버라이드합니다. 기본 구현이 하는 일은 사실상 다음이 전부입니다(그 전에 저장된 `dtype`을 dtype
정책으로 되돌리는 일만 더 합니다).

```python
@classmethod
def from_config(cls, config):
    return cls(**config)
```

직렬화와 저장에 대해 더 알고 싶다면 keras.io의
[모델 저장과 직렬화 가이드](https://keras.io/guides/serialization_and_saving/)를 참고하세요.

## `call()`의 `training` 매개변수

훈련할 때와 추론할 때 다르게 동작해야 하는 층이 있습니다. `Dropout` 층은 훈련할 때만 무작위로 값을
0으로 만들고, `BatchNormalization` 층은 훈련할 때만 배치의 통계를 씁니다. 이런 층은 `call()`에
불리언 `training` 매개변수를 두고, 내장 루프(`fit()`, `evaluate()`, `predict()`)가 그 값을 알아서
정해 줍니다.

다음은 직접 만든 드롭아웃 층입니다. 층이 가진 `SeedGenerator`를 시드로 삼아 `keras.random`으로 난수를
뽑으므로, 모든 백엔드에서 동작합니다.
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
훈련 모드에서는 값의 절반쯤이 0이 되고, 나머지는 합의 기댓값이 그대로 유지되도록 `1 / (1 - rate)`배,
여기서는 2배가 됩니다.

`training`을 직접 넘길 일은 많지 않습니다. `fit()`은 모델을 `training=True`로, `evaluate()`와
`predict()`는 `training=False`로 호출합니다. 그리고 모델이나 층을 `training=...`으로 호출하면, 케라스가
그 안에서 호출되는 층들에도 같은 값을 넘겨 줍니다.
"""

# %%
model = keras.Sequential([keras.Input(shape=(8,)), CustomDropout(0.5)])
print("training=True일 때 0의 개수:", int(ops.sum(model(x, training=True) == 0)))
print("predict()에서 0의 개수:", int(np.sum(model.predict(x, verbose=0) == 0)))

# %% [markdown]
"""
## `call()`의 `mask` 매개변수

`call()`은 `mask` 매개변수도 받을 수 있습니다. 케라스의 순환 층(RNN)은 모두 이 매개변수를 받습니다.
마스크는 시퀀스의 타임스텝마다 그 스텝을 쓸지 건너뛸지를 나타내는 불리언 텐서입니다. 시퀀스 길이를
맞추려고 덧붙인 패딩을 가리는 것이 대표적인 쓰임입니다.

`layer(x, mask=...)`처럼 마스크를 직접 넘길 수도 있지만, 그럴 일은 드뭅니다. 앞쪽 층이 마스크를
만들면, 케라스가 `call()`에 `mask` 매개변수가 있는 층에 그 마스크를 넘겨 줍니다. 마스크를 만드는 대표적인
층은 `mask_zero=True`로 만든 `Embedding` 층과 `Masking` 층입니다.

층을 지난 뒤 마스크가 어떻게 될지는 그 층이 정합니다. 시간 축을 그대로 두는 층(원소별 연산 등)은
`__init__()`에서 `self.supports_masking = True`로 설정하세요. 그래야 입력의 마스크가 출력에 그대로 이어져
다음 층으로 전달됩니다.
`compute_mask()`를 오버라이드한 층은 출력의 마스크를 직접 돌려주고, 케라스는 그 층이 마스크를 지원한다고
봅니다. 둘 다 하지 않은 층도 마스크를 받기는 하지만, 케라스가 "이 층이 마스크 정보를 없앤다"는 경고를
내고, 뒤쪽 층에는 마스크가 전달되지 않습니다.

다음은 마스킹된 타임스텝을 건너뛰고 시퀀스를 타임스텝 방향으로 평균하는 층입니다. `compute_mask()`
메서드는 `None`을 반환합니다. 출력에는 더 이상 시간 축이 없으므로 다음 층에 넘길 마스크도 없기
때문입니다.
"""


# %%
class MaskedAverage(keras.layers.Layer):
    """마스킹된 타임스텝을 빼고 시간 축을 따라 평균합니다."""

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
tokens = np.array([[3, 7, 0, 0], [5, 2, 9, 0]])  # 0은 패딩입니다.
vectors = embedding(tokens)
print("마스크:")
print(ops.convert_to_numpy(embedding.compute_mask(tokens)))

pooled = MaskedAverage()(vectors)  # 케라스가 임베딩의 마스크를 call()에 넘겨 줍니다.
print("평균한 결과의 모양:", tuple(pooled.shape))

unpadded = ops.mean(embedding(np.array([[3, 7]])), axis=1)
print(
    "첫 번째 행은 패딩을 무시하는가:",
    np.allclose(ops.convert_to_numpy(pooled[0]), ops.convert_to_numpy(unpadded[0]), atol=1e-6),
)

# %% [markdown]
"""
마스킹과 마스킹을 지원하는 층을 작성하는 방법은 keras.io의
["마스킹과 패딩 이해하기"](https://keras.io/guides/understanding_masking_and_padding/) 가이드에서 더
자세히 볼 수 있습니다.

## `Model` 클래스

`Layer`는 구성 요소를 만들 때 쓰고, `Model`은 훈련할 객체를 만들 때 씁니다. 예를 들어 ResNet50이라면
ResNet 블록 하나하나는 `Layer`를 서브클래싱해 만들고, 전체 신경망은 `Model` 하나에 담습니다.

`Model`은 `Layer`가 하는 일을 모두 하고, 다음을 더 제공합니다.

- 내장 루프: `model.fit()`, `model.evaluate()`, `model.predict()`
- 안쪽 층의 리스트인 `model.layers`
- 저장과 직렬화: `save()`, `save_weights()` 등

두 클래스는 딥러닝 용어 두 가지에 대응합니다. 논문에서 *층*이나 *블록*이라고 부르는 것(합성곱 층,
순환 층, ResNet 블록, Inception 블록)은 `Layer`이고, *모델*이나 *네트워크*라고 부르는 것(심층 신경망)은
`Model`입니다.

어느 쪽을 고를지는 그 객체에 `fit()`이나 `save()`를 호출할지 생각해 보면 됩니다. 호출한다면 `Model`을
서브클래싱하세요. 더 큰 시스템의 한 부분이거나 훈련과 저장 코드를 직접 작성한다면 `Layer`를
서브클래싱하세요.

다음은 표 형식 데이터를 위한 작은 ResNet 스타일 모델입니다. `Layer`를 서브클래싱한 잔차 블록 두 개가
`Model` 안에 들어 있고, 이 모델을 `fit()`으로 훈련한 뒤 `save_weights()`로 저장합니다. 각 잔차 블록은
두 `Dense` 층이 계산한 값을 자기 입력에 더합니다. 이것이 잔차 연결입니다.
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
print("층:", [layer.name for layer in resnet.layers])

# %% [markdown]
"""
`save_weights()`는 가중치를 파일에 저장합니다. 파일 이름은 `.weights.h5`로 끝나야 합니다. 같은
클래스의 새 인스턴스를 한 번 호출해 빌드하면 이 가중치를 불러올 수 있고, 불러온 뒤에는 같은 출력을
계산합니다.
"""

# %%
resnet.save_weights("tiny_resnet.weights.h5")

reloaded = TinyResNet()
reloaded(features[:1])  # 처음 호출할 때 가중치가 만들어집니다.
reloaded.load_weights("tiny_resnet.weights.h5")
print(
    "예측이 같은가:",
    np.allclose(resnet.predict(features, verbose=0), reloaded.predict(features, verbose=0), atol=1e-6),
)

# %% [markdown]
"""
`save_weights()`로 저장한 가중치는 같은 클래스의 모델만 있으면 불러올 수 있습니다. 서브클래싱한 모델을
`save()`로 통째로 저장하는 방법은 keras.io의
[모델 저장과 직렬화 가이드](https://keras.io/guides/serialization_and_saving/)에서 다룹니다.

## 종합: 변이형 오토인코더

앞에서 살펴본 내용을 정리하면 다음과 같습니다.

- 층의 상태는 `__init__()`이나 `build()`에서 만들고, 계산은 `call()`에 정의합니다.
- 층 안에 층을 넣어 작은 블록으로 더 큰 블록을 만들 수 있습니다.
- `keras.ops`와 `keras.random`으로 작성한 층은 모든 백엔드에서 실행됩니다.
- `add_loss()`는 정방향 계산 중에 규제 항 같은 추가 손실을 기록합니다.
- 훈련할 객체는 `Model`입니다. `Model`은 `Layer`에 훈련과 저장 기능을 더한 것입니다.

아래는 이 모든 것을 사용하는 엔드투엔드 예제로, MNIST 숫자 이미지로 훈련하는 변이형
오토인코더(Variational AutoEncoder, VAE)입니다. 이 VAE는 `Model`을 서브클래싱하고, `Layer`를
서브클래싱한 층들로 이루어집니다. 규제 손실인 KL 발산은 `add_loss()`로 기록합니다.

먼저 층들입니다. `Sampling`은 `z_mean`과 `z_log_var`가 정하는 정규 분포에서 숫자 이미지를 인코딩한 벡터 `z`를
뽑습니다. `CustomDropout`처럼 층 안에 `SeedGenerator`를 두므로 호출할 때마다 새 잡음을 뽑습니다.
`Encoder`는 숫자 이미지를 `(z_mean, z_log_var, z)`로 매핑하고, `Decoder`는 `z`를 다시 이미지로
매핑합니다.
"""


# %%
class Sampling(keras.layers.Layer):
    """(z_mean, z_log_var)를 사용해 숫자 이미지를 인코딩한 벡터 z를 샘플링합니다."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seed_generator = keras.random.SeedGenerator(1337)

    def call(self, inputs):
        z_mean, z_log_var = inputs
        epsilon = keras.random.normal(ops.shape(z_mean), seed=self.seed_generator)
        return z_mean + ops.exp(0.5 * z_log_var) * epsilon


class Encoder(keras.layers.Layer):
    """MNIST 숫자 이미지를 (z_mean, z_log_var, z) 세 값으로 매핑합니다."""

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
    """숫자 이미지를 인코딩한 벡터 z를 다시 숫자 이미지로 되돌립니다."""

    def __init__(self, original_dim, intermediate_dim=64, name="decoder", **kwargs):
        super().__init__(name=name, **kwargs)
        self.dense_proj = keras.layers.Dense(intermediate_dim, activation="relu")
        self.dense_output = keras.layers.Dense(original_dim, activation="sigmoid")

    def call(self, inputs):
        x = self.dense_proj(inputs)
        return self.dense_output(x)


# %% [markdown]
"""
모델은 인코더와 디코더를 연결하고, 인코딩된 분포와 표준 정규 분포 사이의 KL 발산을 규제 손실로
기록합니다.
"""


# %%
class VariationalAutoEncoder(keras.Model):
    """인코더와 디코더를 연결해 훈련할 수 있는 엔드투엔드 모델을 만듭니다."""

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
        # KL 발산 규제 손실
        kl_loss = -0.5 * ops.mean(z_log_var - ops.square(z_mean) - ops.exp(z_log_var) + 1)
        self.add_loss(kl_loss)
        return reconstructed


# %% [markdown]
"""
MNIST를 불러와 28x28 이미지를 각각 [0, 1] 범위의 값 784개로 이루어진 벡터로 펼치고, 훈련 이미지는
처음 10,000개만 남깁니다.
"""

# %%
(x_train, _), (x_test, _) = keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32")[:10000] / 255
x_test = x_test.reshape(-1, 784).astype("float32") / 255
print("훈련 이미지:", x_train.shape, "테스트 이미지:", x_test.shape)

# %% [markdown]
"""
VAE는 `Model`의 서브클래스이므로 내장된 훈련 루프를 쓸 수 있습니다. 이미지와 재구성한 이미지 사이의
평균 제곱 오차를 재구성 손실로 지정해 컴파일하고, 이미지를 입력과 타깃 양쪽에 넣어 `fit()`으로
훈련합니다. `fit()`은 `add_loss()`로 기록한 KL 발산을 이 손실에 더합니다.
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
훈련된 모델은 처음 보는 숫자 이미지도 재구성하고, 디코더는 잠재 공간의 무작위 점을 784픽셀짜리 새
이미지로 바꿉니다.
"""

# %% tags=["tolerance-training"]
reconstructed = vae.predict(x_test[:1000], verbose=0)
error = np.mean((reconstructed - x_test[:1000]) ** 2)
print("테스트 이미지 1,000개의 재구성 MSE:", round(float(error), 4))

z = keras.random.normal((4, 32), seed=7)
generated = ops.convert_to_numpy(vae.decoder(z))
print("생성한 이미지:", generated.shape)
print("모든 픽셀 값이 [0, 1] 범위인가:", bool(np.all((generated >= 0) & (generated <= 1))))
