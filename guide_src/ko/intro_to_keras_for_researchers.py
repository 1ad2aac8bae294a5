# ---
# jupyter:
#   jupytext:
#     cell_markers: '"""'
#     formats: py:percent
#     notebook_metadata_filter: guide
#   guide:
#     title: 연구자를 위한 케라스 소개
#     description: 케라스와 TensorFlow로 딥러닝 연구를 할 때 알아야 할 모든 것.
#     author: François Chollet
#     translator: keras-ko 번역 프로젝트(2020); Keras 3 개정과 교정은 케라스 3 가이드 기여자
#     date_created: '2020-04-01'
#     last_modified: '2026-12-05'
#     original: https://keras.io/getting_started/intro_to_keras_for_researchers/
#     original_edition: '2020-10-02'
#     translation_source: https://github.com/adsidelab/keras-ko
#     backend: tensorflow
# ---

# %% [markdown]
"""
## 설정
"""

# %%
import tensorflow as tf
import keras
from keras import ops

# 파이썬, NumPy, TensorFlow, 케라스의 난수 생성기를 한 번에 시드로 고정합니다.
# 그래서 아래에 출력되는 숫자는 실행할 때마다 똑같이 나옵니다.
keras.utils.set_random_seed(1337)

# %% [markdown]
"""
## 소개

머신러닝 연구자인가요?
NeurIPS에 논문을 내고 컴퓨터 비전이나 자연어 처리 분야에서 최고 성능을 끌어올리고 있나요?
이 가이드와 함께 케라스와 TensorFlow API의 핵심 개념을 처음으로 둘러보겠습니다.

여기서 배울 내용은 다음과 같습니다.

- TensorFlow의 텐서, 변수, 그레이디언트
- `Layer` 클래스를 서브클래싱하여 층 만들기
- 저수준 훈련 루프 작성하기
- `add_loss()` 메서드로 층이 만든 손실 추적하기
- 저수준 훈련 루프에서 지표 추적하기
- `tf.function`으로 컴파일하여 실행 속도 높이기
- 층을 훈련 모드나 추론 모드로 실행하기
- 케라스 함수형 API 사용하기

이어서 변이형 오토인코더(Variational Autoencoder)와 하이퍼네트워크(Hypernetwork),
두 가지 엔드투엔드 연구 예제로 케라스 API를 실제로 사용해 봅니다.

!!! note "Keras 3에서 달라진 점"
    이 페이지는 원문 가이드를 Keras 3에 맞게 고쳐 옮긴 것입니다. 원문은 2020년에 TensorFlow 2와
    그에 포함된 케라스(`tf.keras`)를 대상으로 쓰였습니다. 지금 `pip install tensorflow`로
    TensorFlow를 설치하면 Keras 3이 함께 설치되는데, 원래 코드 가운데 여러 곳이 Keras 3에서 더는 동작하지 않습니다.
    이 페이지의 코드는 최근 TensorFlow 버전에서 실제로 실행한 것이며(위의 실행 기록 참고), 바뀐 곳마다
    그 자리에서 이런 상자로 무엇이 왜 바뀌었는지 설명합니다.

    케라스 코드는 `tf.keras`(이제는 호환용 이름일 뿐입니다) 대신 `import keras`로 작성했고,
    층의 계산에는 모든 케라스 백엔드에서 동작하는 `keras.ops`를 사용합니다.
    TensorFlow 자체가 주제인 곳, 즉 텐서와 변수, `GradientTape`, `tf.function`, `tf.data`에서는
    TensorFlow를 그대로 씁니다. 그래서 이 페이지의 코드는 케라스의 TensorFlow 백엔드에서만 실행됩니다.

## 텐서

TensorFlow는 미분 가능한 프로그래밍을 위한 인프라 레이어입니다.
핵심만 보면 NumPy처럼 N차원 배열(텐서)을 다루는 프레임워크입니다.

하지만 NumPy와 TensorFlow 사이에는 중요한 차이가 세 가지 있습니다.

- TensorFlow는 GPU나 TPU 같은 하드웨어 가속기에서 실행될 수 있습니다.
- TensorFlow는 텐서로 만든 미분 가능한 식이라면 무엇이든 그레이디언트를 자동으로 계산합니다.
- TensorFlow는 한 대의 컴퓨터에 있는 여러 장치로, 나아가 (각각 여러 장치를 둘 수 있는) 여러 대의 컴퓨터로
  계산을 나누어 실행할 수 있습니다.

TensorFlow의 중심에 있는 객체인 텐서부터 살펴보겠습니다.

다음은 상수 텐서입니다.
"""

# %%
x = tf.constant([[5, 2], [1, 3]])
print(x)

# %% [markdown]
"""
`.numpy()`를 호출하면 텐서의 값을 NumPy 배열로 꺼낼 수 있습니다.
"""

# %%
x.numpy()

# %% [markdown]
"""
텐서에도 NumPy 배열처럼 `dtype`과 `shape` 속성이 있습니다.
"""

# %%
print("dtype:", x.dtype)
print("shape:", x.shape)

# %% [markdown]
"""
상수 텐서는 흔히 `tf.ones`와 `tf.zeros`로 만듭니다(NumPy의 `np.ones`, `np.zeros`와 같습니다).
"""

# %%
print(tf.ones(shape=(2, 1)))
print(tf.zeros(shape=(2, 1)))

# %% [markdown]
"""
무작위 값으로 채운 상수 텐서도 만들 수 있습니다.
설정 셀에서 시드를 고정했으므로 이 값은 실행할 때마다 같습니다.
"""

# %%
x = tf.random.normal(shape=(2, 2), mean=0.0, stddev=1.0)
print(x)

x = tf.random.uniform(shape=(2, 2), minval=0, maxval=10, dtype="int32")
print(x)

# %% [markdown]
"""
## 변수

변수는 (신경망의 가중치처럼) 바뀌는 상태를 저장하는 특별한 텐서입니다.
`Variable`은 초깃값을 주어 만듭니다.
"""

# %%
initial_value = tf.random.normal(shape=(2, 2))
a = tf.Variable(initial_value)
print(a)

# %% [markdown]
"""
`Variable`의 값은 `.assign(value)`, `.assign_add(increment)`, `.assign_sub(decrement)` 메서드로 바꿉니다.
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
## TensorFlow로 수학 계산하기

NumPy를 써 보았다면 TensorFlow의 수학 계산이 아주 익숙할 것입니다.
가장 큰 차이는 TensorFlow 코드가 GPU와 TPU에서도 실행된다는 점입니다.
"""

# %%
a = tf.random.normal(shape=(2, 2))
b = tf.random.normal(shape=(2, 2))

c = a + b
d = tf.square(c)
e = tf.exp(d)

# %% [markdown]
"""
## 그레이디언트

NumPy와 크게 다른 점이 하나 더 있습니다. 미분 가능한 식이라면 무엇이든 그레이디언트를 자동으로 구할 수 있습니다.

그레이디언트 테이프(`GradientTape`)를 열고 `tape.watch()`로 텐서를 "지켜보기" 시작한 다음,
이 텐서를 입력으로 받는 미분 가능한 식을 만들면 됩니다.
"""

# %%
a = tf.random.normal(shape=(2, 2))
b = tf.random.normal(shape=(2, 2))

with tf.GradientTape() as tape:
    tape.watch(a)  # `a`에 적용되는 연산을 기록하기 시작합니다.
    c = tf.sqrt(tf.square(a) + tf.square(b))  # `a`로 계산을 합니다.

# `a`에 대한 `c`의 그레이디언트는 얼마일까요?
dc_da = tape.gradient(c, a)
print(dc_da)

# %% [markdown]
"""
테이프는 훈련되는 변수를 자동으로 지켜보므로, 이런 변수에는 `watch`를 따로 호출하지 않아도 됩니다.
"""

# %%
a = tf.Variable(a)

with tf.GradientTape() as tape:
    c = tf.sqrt(tf.square(a) + tf.square(b))

dc_da = tape.gradient(c, a)
print(dc_da)

# %% [markdown]
"""
테이프를 중첩하면 고계 도함수(2계 도함수 등)를 계산할 수 있습니다.
안쪽 테이프의 그레이디언트는 바깥쪽 테이프가 기록할 수 있도록 바깥쪽 테이프 안에서 계산합니다.
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
## 케라스 층

TensorFlow가 텐서, 변수, 그레이디언트를 다루는 **미분 가능한 프로그래밍을 위한 인프라 레이어**라면,
케라스는 층, 모델, 옵티마이저, 손실 함수, 지표 등을 다루는 **딥러닝을 위한 사용자 인터페이스**입니다.

케라스는 TensorFlow를 쉽고 생산적으로 쓰게 해 주는 고수준 API입니다.
(Keras 3은 TensorFlow 대신 JAX나 PyTorch 위에서도 실행될 수 있습니다. 이 페이지는 TensorFlow를 사용합니다.)

`Layer`는 케라스의 가장 기본이 되는 추상화입니다.
`Layer`는 상태(가중치)와 계산(`call` 메서드에서 정의)을 함께 담습니다.

간단한 층은 다음과 같습니다.
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
!!! note "Keras 3에서 달라진 점"
    원래 코드는 `tf.Variable`로 가중치를 만들었습니다. Keras 3의 층은
    `keras.Variable`(또는 `add_weight()`)로 만든 변수만 추적하므로, `tf.Variable`을 그대로 쓰면 가중치가
    `weights` 속성에 나타나지 않고 훈련되지도 않습니다. 그래서 여기서는 `keras.initializers`의 초기화 객체로
    `keras.Variable`을 만듭니다(`RandomNormal`은 원래의 `tf.random_normal_initializer`와 같은
    분포(평균 0, 표준 편차 0.05)에서 값을 뽑습니다). 계산에는 `tf.matmul` 대신
    백엔드에 상관없이 동작하는 `keras.ops`의 `ops.matmul`을 씁니다.

`Layer` 인스턴스는 파이썬 함수처럼 사용할 수 있습니다.
"""

# %%
# 층의 인스턴스를 만듭니다.
linear_layer = Linear(units=4, input_dim=2)

# 함수처럼 호출할 수 있습니다.
# 호출하면 데이터가 `call` 메서드로 전달됩니다.
y = linear_layer(tf.ones((2, 2)))
assert y.shape == (2, 4)

# %% [markdown]
"""
층은 (`__init__` 메서드에서 만든) 가중치 변수를 자동으로 추적해 `weights` 속성에 담습니다.
"""

# %%
assert linear_layer.weights == [linear_layer.w, linear_layer.b]

# %% [markdown]
"""
케라스에는 내장된 층이 많습니다.
`Dense` 층, `Conv2D` 층, `LSTM` 층이 있고
`Conv3DTranspose`나 `ConvLSTM2D` 같은 고급 층도 있습니다.
가능하면 내장된 기능을 재사용하는 것이 좋습니다.

## 층의 가중치 만들기

`self.add_weight()` 메서드를 사용하면 가중치를 간편하게 만들 수 있습니다.
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


# 가중치를 나중에 만드는 층의 인스턴스를 만듭니다.
linear_layer = Linear(4)

# 처음 호출할 때 `build(input_shape)`가 실행되어 가중치를 만듭니다.
y = linear_layer(tf.ones((2, 2)))

# %% [markdown]
"""
## 층의 그레이디언트

`GradientTape` 안에서 층을 호출하면 층 가중치의 그레이디언트를 자동으로 얻을 수 있습니다.
이 그레이디언트로 층의 가중치를 직접 업데이트하거나 옵티마이저 객체로 업데이트할 수 있습니다.
물론 필요하다면 그레이디언트를 사용하기 전에 수정해도 됩니다.
"""

# %% tags=["tolerance-training"]
# 데이터셋을 준비합니다.
(x_train, y_train), _ = keras.datasets.mnist.load_data()
dataset = tf.data.Dataset.from_tensor_slices(
    (x_train.reshape(60000, 784).astype("float32") / 255, y_train)
)
dataset = dataset.shuffle(buffer_size=1024).batch(64)

# (위에서 정의한) 선형 층의 인스턴스를 유닛 10개로 만듭니다.
linear_layer = Linear(10)

# 정수 타깃을 받는 로지스틱 손실 함수 객체를 만듭니다.
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)

# 옵티마이저 객체를 만듭니다.
optimizer = keras.optimizers.SGD(learning_rate=1e-3)

# 데이터셋의 배치를 하나씩 순회합니다.
for step, (x, y) in enumerate(dataset):

    # GradientTape를 엽니다.
    with tf.GradientTape() as tape:

        # 정방향 계산을 실행합니다.
        logits = linear_layer(x)

        # 이 배치의 손실을 계산합니다.
        loss = loss_fn(y, logits)

    # 가중치에 대한 손실의 그레이디언트를 구합니다.
    gradients = tape.gradient(loss, linear_layer.trainable_weights)

    # 선형 층의 가중치를 업데이트합니다.
    optimizer.apply_gradients(zip(gradients, linear_layer.trainable_weights))

    # 로그 출력
    if step % 100 == 0:
        print("스텝:", step, "손실:", float(loss))

# %% [markdown]
"""
## 훈련되는 가중치와 훈련되지 않는 가중치

층은 훈련되는 가중치와 훈련되지 않는 가중치를 모두 만들 수 있습니다.
각각 `trainable_weights`와 `non_trainable_weights` 속성으로 볼 수 있습니다.
다음은 훈련되지 않는 가중치가 있는 층입니다.
"""


# %%
class ComputeSum(keras.layers.Layer):
    """지금까지 받은 입력의 누적 합을 반환합니다."""

    def __init__(self, input_dim, **kwargs):
        super().__init__(**kwargs)
        # 훈련되지 않는 가중치를 만듭니다.
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
!!! note "Keras 3에서 달라진 점"
    앞의 `Linear` 층과 같은 이유로 `tf.Variable` 대신 `keras.Variable`을 사용합니다.
    `tf.Variable`로 만들었다면 Keras 3은 이 변수를 전혀 인식하지 못해 `my_sum.weights`가 빈 리스트가 되고,
    첫 번째 `assert`가 실패해 셀이 거기서 멈췄을 것입니다. (마지막 `trainable_weights == []`는
    기대하는 값이 바로 빈 리스트이므로 그래도 통과했을 것입니다.)

## 층을 담은 층

층을 재귀적으로 중첩하여 더 큰 계산 블록을 만들 수 있습니다.
각 층은 하위 층의 가중치(훈련되는 가중치와 훈련되지 않는 가중치 모두)를 추적합니다.
"""

# %%
# 앞에서 정의한 `build` 메서드가 있는
# Linear 클래스를 재사용합니다.


class MLP(keras.layers.Layer):
    """Linear 층을 단순하게 쌓습니다."""

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

# `mlp` 객체를 처음 호출할 때 가중치가 만들어집니다.
y = mlp(tf.ones(shape=(3, 64)))

# 가중치는 재귀적으로 추적됩니다.
assert len(mlp.weights) == 6

# %% [markdown]
"""
위에서 직접 만든 MLP 클래스는 내장 클래스로 조립한 아래 모델과 같습니다.
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
## 층이 만든 손실 추적하기

층은 정방향 계산을 하는 동안 `add_loss()` 메서드로 손실을 만들 수 있습니다.
특히 규제 손실을 만들 때 유용합니다.
하위 층이 만든 손실은 부모 층이 재귀적으로 추적합니다.

다음은 활성화 규제 손실을 만드는 층입니다.
"""


# %%
class ActivityRegularization(keras.layers.Layer):
    """활성화 희소 규제 손실을 만드는 층입니다."""

    def __init__(self, rate=1e-4, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate

    def call(self, inputs):
        # `add_loss`로 입력에 따라 달라지는 규제 손실을 만듭니다.
        self.add_loss(self.rate * ops.sum(inputs))
        return inputs


# %% [markdown]
"""
이 층을 포함한 모델은 모두 이 규제 손실을 추적합니다.
"""

# %%
# MLP 블록 안에서 이 손실 층을 사용해 봅니다.


class SparseMLP(keras.layers.Layer):
    """희소 규제 손실이 붙은 Linear 층 스택입니다."""

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

print(mlp.losses)  # float32 스칼라 하나가 담긴 리스트

# %% [markdown]
"""
최상위 층은 정방향 계산을 시작할 때마다 이 손실을 비우므로 손실이 누적되지 않습니다.
`layer.losses`에는 항상 가장 최근의 정방향 계산에서 만든 손실만 들어 있습니다.
훈련 루프를 작성할 때는 보통 그레이디언트를 계산하기 전에 이 손실들을 합산해 전체 손실에 더합니다.

이 규제는 무슨 일을 할까요? 이 층은 입력의 합에 `rate`를 곱한 값을 벌점(규제 손실)으로 손실에
더합니다. 여기서 이 층의 입력은 ReLU의 출력이라 음수가 될 수 없으므로, 벌점을 줄이려면 은닉 활성화를
0 쪽으로 낮추는 수밖에 없습니다. 그러면 이미지마다 활성화되는 은닉 유닛이 줄어듭니다. 즉 활성화가 *희소*해집니다.
`rate`는 이 힘이 분류 손실에 맞서 얼마나 세게 작용할지를 정합니다. 아래 셀은 훈련을 마친 뒤 테스트 정확도와, 은닉
활성화 가운데 정확히 0인 것의 비율을 출력합니다.
"""

# %% tags=["tolerance-training"]
# *마지막* 정방향 계산의 손실만 남습니다.
mlp = SparseMLP()
mlp(tf.ones((10, 10)))
assert len(mlp.losses) == 1
mlp(tf.ones((10, 10)))
assert len(mlp.losses) == 1  # 누적되지 않습니다.

# 훈련 루프에서 이 손실을 어떻게 사용하는지 살펴봅니다.

# 데이터셋을 준비합니다.
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
dataset = tf.data.Dataset.from_tensor_slices(
    (x_train.reshape(60000, 784).astype("float32") / 255, y_train)
)
dataset = dataset.shuffle(buffer_size=1024).batch(64)

# 새 MLP
mlp = SparseMLP()

# 손실과 옵티마이저
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = keras.optimizers.Adam(learning_rate=1e-3)

for step, (x, y) in enumerate(dataset):
    with tf.GradientTape() as tape:

        # 정방향 계산
        logits = mlp(x)

        # 이 배치의 예측과 레이블로 계산한 손실 값
        loss = loss_fn(y, logits)

        # 정방향 계산에서 만들어진 손실을 더합니다.
        loss += sum(mlp.losses)

    # 가중치에 대한 손실의 그레이디언트를 구합니다.
    gradients = tape.gradient(loss, mlp.trainable_weights)

    # 모델의 가중치를 업데이트합니다.
    optimizer.apply_gradients(zip(gradients, mlp.trainable_weights))

    # 로그 출력
    if step % 100 == 0:
        print("스텝:", step, "손실:", float(loss))

# 제대로 훈련되었을까요? 은닉 활성화는 얼마나 희소해졌을까요?
x_test = x_test.reshape(10000, 784).astype("float32") / 255
predictions = ops.argmax(mlp(x_test), axis=-1)
print("테스트 정확도:", round(float(ops.mean(predictions == y_test)), 4))
hidden = ops.relu(mlp.linear_1(x_test))
print("0인 은닉 활성화의 비율:", round(float(ops.mean(hidden == 0)), 4))

# %% [markdown]
"""
!!! note "원문과 달라진 점"
    원문은 규제 계수 `1e-2`와 학습률 `1e-3`의 SGD를 사용했습니다. 이 계수에서는 벌점이 분류 손실을
    압도해 은닉 활성화가 거의 모두 0이 되고, 모델은 더 배우지 못합니다. 손실은 ln 10 ≈ 2.30(열 개 클래스를
    똑같은 확률로 찍을 때의 손실) 근처에 머물고, 테스트 이미지의 약 10%만 맞힙니다. 무작위로 고르는
    것과 다를 바 없습니다. 게다가 이 학습률의 SGD는 벌점이 없어도 한 에포크 안에 거의 배우지 못할 만큼
    느립니다. 그래서 여기서는 계수를 `1e-4`로 낮추고 옵티마이저로 Adam을 씁니다. 이제 모델은 제대로
    배우고, 은닉 활성화는 대부분 0이 됩니다. 같은 코드를 벌점 없이 실행했을 때는 0인 활성화가 15%쯤이었습니다.

## 훈련 지표 추적하기

케라스는 `keras.metrics.AUC`나 `keras.metrics.PrecisionAtRecall` 같은
다양한 지표를 기본으로 제공합니다.
사용자 정의 지표도 코드 몇 줄이면 쉽게 만들 수 있습니다.

사용자 정의 훈련 루프에서 지표를 사용하는 방법은 다음과 같습니다.

- 지표 객체를 만듭니다. 예: `metric = keras.metrics.AUC()`
- 데이터 배치마다 `metric.update_state(targets, predictions)` 메서드를 호출합니다.
- `metric.result()`로 결과를 읽습니다.
- 에포크가 끝날 때나 평가를 시작할 때 `metric.reset_state()`로 지표의 상태를 초기화합니다.

간단한 예를 보겠습니다.
"""

# %% tags=["tolerance-training"]
# 지표 객체를 만듭니다.
accuracy = keras.metrics.SparseCategoricalAccuracy()

# 층, 손실, 옵티마이저를 준비합니다.
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
    # 데이터셋의 배치를 하나씩 순회합니다.
    for step, (x, y) in enumerate(dataset):
        with tf.GradientTape() as tape:
            logits = model(x)
            # 이 배치의 손실을 계산합니다.
            loss_value = loss_fn(y, logits)

        # `accuracy` 지표의 상태를 업데이트합니다.
        accuracy.update_state(y, logits)

        # 손실 값을 최소화하도록 모델의 가중치를 업데이트합니다.
        gradients = tape.gradient(loss_value, model.trainable_weights)
        optimizer.apply_gradients(zip(gradients, model.trainable_weights))

        # 지금까지의 정확도를 출력합니다.
        if step % 200 == 0:
            print("에포크:", epoch, "스텝:", step)
            print("지금까지의 누적 정확도: %.3f" % accuracy.result())

    # 에포크가 끝나면 지표의 상태를 초기화합니다.
    accuracy.reset_state()

# %% [markdown]
"""
!!! note "Keras 3에서 달라진 점"
    지표의 상태를 초기화하는 메서드 이름이 `reset_states()`에서 `reset_state()`로 바뀌었습니다.
    예전 이름은 Keras 3에 없으므로 호출하면 `AttributeError`가 납니다.

원문 가이드는 이 자리에서 `self.add_metric()`을 사용해 층 안에서 어떤 값의 평균을 추적하는 방법과,
`layer.reset_metrics()`로 이런 지표를 초기화하는 방법을 소개했습니다.
Keras 3에서는 `add_metric()`을 더는 쓸 수 없습니다(호출하면 `NotImplementedError`가 납니다).
모델의 지표는 `Model.compile(metrics=[...])`로 지정합니다. 층 안에서 어떤 값을 추적하려면
`__init__()`이나 `build()`에서 `keras.metrics.Mean` 같은 지표 객체를 층의 속성으로 만들고
`call()`에서 그 객체의 `update_state()`를 호출하세요. 값은 `result()`로 읽고 `reset_state()`로 초기화합니다.
위의 훈련 루프에서 `accuracy` 객체를 다룬 방식과 같습니다.

## 컴파일된 함수

즉시 실행(연산을 한 줄씩 바로 실행하는 방식)은 디버깅에 좋지만, 계산을 정적 그래프로 컴파일하면 성능이 더 좋아집니다.
연구자에게 정적 그래프는 더없이 든든한 도구입니다.
어떤 함수든 `tf.function` 데코레이터로 감싸면 컴파일할 수 있습니다.
"""

# %% tags=["tolerance-training"]
# 층, 손실, 옵티마이저를 준비합니다.
model = keras.Sequential(
    [
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10),
    ]
)
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = keras.optimizers.Adam(learning_rate=1e-3)

# 훈련 스텝 함수를 만듭니다.


@tf.function  # 속도를 높입니다.
def train_on_batch(x, y):
    with tf.GradientTape() as tape:
        logits = model(x)
        loss = loss_fn(y, logits)
    gradients = tape.gradient(loss, model.trainable_weights)
    optimizer.apply_gradients(zip(gradients, model.trainable_weights))
    return loss


# 데이터셋을 준비합니다.
(x_train, y_train), _ = keras.datasets.mnist.load_data()
dataset = tf.data.Dataset.from_tensor_slices(
    (x_train.reshape(60000, 784).astype("float32") / 255, y_train)
)
dataset = dataset.shuffle(buffer_size=1024).batch(64)

for step, (x, y) in enumerate(dataset):
    loss = train_on_batch(x, y)
    if step % 100 == 0:
        print("스텝:", step, "손실:", float(loss))

# %% [markdown]
"""
## 훈련 모드와 추론 모드

일부 층, 특히 배치 정규화(`BatchNormalization`) 층과 드롭아웃(`Dropout`) 층은
훈련할 때와 추론할 때 다르게 동작합니다.
이런 층에서는 `call` 메서드에 `training`(불리언) 매개변수를 두는 것이 표준적인 방법입니다.

`call`에 이 매개변수가 있으면 내장된 훈련 루프와 평가 루프(예: `fit`)가
훈련과 추론에서 각각 올바른 모드로 층을 실행할 수 있습니다.
"""


# %%
class Dropout(keras.layers.Layer):
    def __init__(self, rate, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate
        # 이 층 전용 시드 생성기입니다. 층을 호출할 때마다 새 드롭아웃 마스크가 뽑힙니다.
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
!!! note "Keras 3에서 달라진 점"
    원래 코드는 `tf.nn.dropout`을 호출했습니다. 여기서는 모든 백엔드에서 동작하는
    `keras.random.dropout`으로 마스크를 뽑고, 층이 가진 `keras.random.SeedGenerator`를 시드로 넘깁니다.
    이 생성기는 호출될 때마다 다음 시드를 내주므로, 층을 호출할 때마다 다른 마스크가 나옵니다. 이 시드들이
    어디서 시작하는지는 설정 셀의 `keras.utils.set_random_seed`가 정합니다. 그래서 페이지를 처음부터 다시
    실행하면 같은 마스크들이 같은 순서로 다시 나옵니다.

## 함수형 API로 모델 만들기

딥러닝 모델을 만들 때 늘 객체 지향 프로그래밍을 써야 하는 것은 아닙니다.
지금까지 본 층은 모두 다음처럼 함수형 스타일로 조합할 수도
있습니다(이를 "함수형(Functional) API"라고 부릅니다).
"""

# %%
# `Input` 객체로 입력의 모양과 dtype을 지정합니다.
# 딥러닝 용어로 말하면 *타입*을 선언하는 셈입니다.
# shape 매개변수는 샘플 하나의 모양이므로 배치 크기는 넣지 않습니다.
# 함수형 API는 샘플 하나에 적용할 변환을 정의하는 데 초점을 맞춥니다.
# 이렇게 만든 모델은 샘플 단위의 변환을 자동으로 배치 단위로 적용하므로
# 배치 데이터로 호출할 수 있습니다.
inputs = keras.Input(shape=(16,), dtype="float32")

# 이 "타입" 객체로 층을 호출하면
# 업데이트된 타입(새로운 모양과 dtype)이 반환됩니다.
x = Linear(32)(inputs)  # 앞에서 정의한 Linear 층을 재사용합니다.
x = Dropout(0.5)(x)  # 앞에서 정의한 Dropout 층을 재사용합니다.
outputs = Linear(10)(x)

# 입력과 출력을 지정해 함수형 `Model`을 정의합니다.
# 모델도 다른 층과 마찬가지로 하나의 층입니다.
model = keras.Model(inputs, outputs)

# 함수형 모델은 데이터로 호출하기 전부터 가중치가 이미 만들어져 있습니다.
# 입력 모양을 (`Input`에서) 미리 지정했기 때문입니다.
assert len(model.weights) == 4

# 샘플 데이터로 모델을 호출해 봅니다.
y = model(tf.ones((2, 16)))
assert y.shape == (2, 10)

# `__call__` 메서드에 `training` 매개변수를 쓸 수 있습니다
# (이 값은 `Dropout` 층까지 전달됩니다).
y = model(tf.ones((2, 16)), training=True)

# %% [markdown]
"""
함수형 API는 서브클래싱보다 간결한 편이고, 그 밖에도 몇 가지 장점이 있습니다(대체로
타입이 있는 함수형 언어가 타입이 없는 객체 지향 개발에 비해 갖는 장점과 같습니다).
하지만 층의 유향 비순환 그래프(directed acyclic graph, DAG)로 표현되는 모델만 정의할 수 있습니다.
재귀 신경망(recursive network)은 `Layer`의 서브클래스로 정의해야 합니다.

함수형 API에 대해 더 알고 싶다면 [케라스 함수형 API 가이드](https://keras.io/guides/functional_api/)(영문)를 참고하세요.

연구를 하다 보면 객체 지향 모델과 함수형 모델을 섞어 쓰는 일이 많을 것입니다.

`Model` 클래스에는 훈련 루프와 평가 루프(`fit()`, `predict()`, `evaluate()`)도 내장되어 있습니다.
이 메서드를 쓰면 케라스에 내장된 훈련 인프라의 다음 기능을 활용할 수 있습니다.

- [콜백](https://keras.io/api/callbacks/)(영문): 조기 종료, 모델 체크포인트, TensorBoard처럼 흔히 쓰는 기능을
  내장 콜백으로 이용할 수 있습니다. 필요하다면 콜백을 직접 작성할 수도 있습니다
  ([콜백 직접 작성하기](https://keras.io/guides/writing_your_own_callbacks/)(영문) 참고).
- [분산 훈련](https://keras.io/guides/distributed_training_with_tensorflow/)(영문): `tf.distribute`의
  전략(strategy)으로 훈련을 여러 GPU, 나아가 여러 대의 컴퓨터로 손쉽게 확장할 수 있습니다.
- [스텝 묶기](https://keras.io/api/models/model_training_apis/#compile-method)(영문): `Model.compile()`의
  `steps_per_execution` 매개변수를 지정하면 `tf.function` 호출 한 번에 배치 여러 개를 실행합니다.
  TPU에서는 이렇게 하면 훈련이 크게 빨라집니다.

자세히 다루지는 않고, 내장된 훈련 인프라를 사용해 앞의 MNIST 데이터로 모델을 훈련하는 짧은 예만 보겠습니다.
코드가 훨씬 짧아집니다.
"""

# %%
inputs = keras.Input(shape=(784,), dtype="float32")
x = keras.layers.Dense(32, activation="relu")(inputs)
x = keras.layers.Dense(32, activation="relu")(x)
outputs = keras.layers.Dense(10)(x)
model = keras.Model(inputs, outputs)

# `compile()`에 손실, 옵티마이저, 지표를 지정합니다.
model.compile(
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    optimizer=keras.optimizers.Adam(learning_rate=1e-3),
    metrics=[keras.metrics.SparseCategoricalAccuracy()],
)

# 데이터셋으로 모델을 2 에포크 동안 훈련합니다.
# `dataset`은 tf.data가 이미 섞었으므로 `shuffle=False`로 `fit()`이 다시 섞으려 하지 않게 합니다.
history = model.fit(dataset, epochs=2, shuffle=False)
predictions = model.predict(dataset)
loss, accuracy = model.evaluate(dataset)

# %% [markdown]
"""
!!! note "Keras 3에서 달라진 점"
    `fit()`은 기본값(`shuffle=True`)으로 데이터를 섞는데, 이 기능은 배열에만 적용됩니다.
    `tf.data.Dataset`을 넘기면 Keras 3은 이 매개변수가 무시된다는 것과 데이터셋이 이미 섞여 있어야
    한다는 것을 알리는 `UserWarning`을 출력합니다. 이 페이지의 데이터셋은 이미 `dataset.shuffle(buffer_size=1024)`로
    섞여 있으므로 `fit()`을 호출할 때마다 `shuffle=False`를 넘깁니다.
    달라지는 것은 경고가 사라진다는 점뿐입니다. 또한 `fit()`과 `evaluate()`의 결과를 변수에 담아
    진행 막대 뒤에 객체가 출력되지 않게 했습니다.

객체 지향 모델에서도 내장된 훈련 루프를 쓰고 싶다면 언제든지 `Model` 클래스를 서브클래싱하면 됩니다(`Layer`를 서브클래싱할 때와 똑같이 동작합니다).
그러면 훈련 루프에서 일어나는 일을 바꾸면서도 위에서 말한 내장 인프라(콜백, 분산 훈련, 스텝 묶기)를 그대로 쓸 수 있습니다.
`fit()`에서 일어나는 일을 바꾸려면 `train_step()`을 재정의합니다. 이 메서드는 훈련 데이터의 배치마다 호출됩니다.
`fit()`은 기본적으로 훈련 스텝을 `tf.function`으로 컴파일하므로 빠르게 실행됩니다.
같은 방식으로 `test_step()`을 재정의하면 `evaluate()`를, `predict_step()`을 재정의하면 `predict()`를 바꿀 수 있습니다.
더 자세한 내용은 [TensorFlow에서 `fit()`의 동작 바꾸기](https://keras.io/guides/custom_train_step_in_tensorflow/)(영문) 가이드를 참고하세요.
"""


# %%
class CustomModel(keras.Model):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.loss_tracker = keras.metrics.Mean(name="loss")
        self.accuracy = keras.metrics.SparseCategoricalAccuracy(name="accuracy")
        self.loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)

    def train_step(self, data):
        # 데이터를 풉니다. 데이터의 구조는 모델에 따라,
        # 그리고 `fit()`에 전달한 값에 따라 달라집니다.
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)  # 정방향 계산
            loss = self.loss_fn(y, y_pred)
        gradients = tape.gradient(loss, self.trainable_weights)
        self.optimizer.apply_gradients(zip(gradients, self.trainable_weights))
        # 지표(손실을 추적하는 지표 포함)를 업데이트합니다.
        self.loss_tracker.update_state(loss)
        self.accuracy.update_state(y, y_pred)
        # 지표 이름을 현재 값에 매핑한 딕셔너리를 반환합니다.
        return {"loss": self.loss_tracker.result(), "accuracy": self.accuracy.result()}

    @property
    def metrics(self):
        # 여기에 나열한 지표는 에포크가 시작될 때마다
        # 자동으로 초기화됩니다.
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
!!! note "Keras 3에서 달라진 점"
    원래 코드는 `__init__()`에서 옵티마이저를 만들고(`self.optimizer = ...`) 매개변수 없이 `compile()`을
    호출했습니다. Keras 3에서 `optimizer` 없이 `compile()`을 호출하면 기본 옵티마이저(RMSprop)가 지정되어
    `__init__()`에서 만든 옵티마이저를 아무 경고 없이 대체합니다. 그래서 여기서는 옵티마이저를
    `compile()`에 넘기고, `train_step()`에서는 `self.optimizer`로 사용합니다.
"""

# %% [markdown]
"""
## 엔드투엔드 연구 예제 1: 변이형 오토인코더

지금까지 배운 내용을 정리해 보겠습니다.

- `Layer`는 상태(`__init__`이나 `build`에서 만듦)와 계산(`call`에서 정의)을 캡슐화합니다.
- 층을 재귀적으로 중첩하여 더 큰 새 계산 블록을 만들 수 있습니다.
- `GradientTape`를 열고 그 안에서 모델을 호출한 다음, 그레이디언트를 구해 옵티마이저로 적용하면
  원하는 대로 고칠 수 있는 훈련 루프를 작성할 수 있습니다.
- `@tf.function` 데코레이터로 훈련 루프의 속도를 높일 수 있습니다.
- 층은 `self.add_loss()`로 손실(보통 규제 손실)을 만들고 추적할 수 있습니다.

이 모든 것을 엔드투엔드 예제 하나로 합쳐 보겠습니다.
변이형 오토인코더(Variational AutoEncoder, VAE)를 구현하고 MNIST 숫자 이미지로 훈련합니다.

이 VAE는 `Layer`의 서브클래스이고, `Layer`를 서브클래싱한 층들을 중첩해 조립한 것입니다.
규제 손실(KL 발산)도 사용합니다.

모델 정의는 다음과 같습니다.

먼저 `Encoder` 클래스는 `Sampling` 층을 사용해 MNIST 숫자 이미지를
잠재 공간의 세 값 `(z_mean, z_log_var, z)`로 매핑합니다.
"""

# %%
from keras import layers


class Sampling(layers.Layer):
    """(z_mean, z_log_var)를 사용해 숫자를 인코딩한 벡터 z를 샘플링합니다."""

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
    """MNIST 숫자 이미지를 (z_mean, z_log_var, z) 세 값으로 매핑합니다."""

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
!!! note "Keras 3에서 달라진 점"
    원래 코드는 Keras 2의 백엔드 모듈 함수인 `tf.keras.backend.random_normal`로 `epsilon`을 뽑았습니다.
    `import keras`로 가져오는 Keras 3에는 이 함수가 없고, `tf.keras`라는 호환용 이름 아래에만 남아 있습니다.
    Keras 3에서는 `keras.random`으로 난수를 뽑습니다. 앞의 `Dropout` 층처럼 `Sampling`도 자기 전용
    `SeedGenerator`를 씁니다. 그래서 호출할 때마다 다른 잡음을 뽑지만, 페이지를 처음부터 다시
    실행하면 같은 잡음이 같은 순서로 다시 나옵니다.

다음으로 `Decoder` 클래스는 확률적 잠재 공간의 좌표를 다시 MNIST 숫자 이미지로 매핑합니다.
"""


# %%
class Decoder(layers.Layer):
    """인코딩된 벡터 z를 숫자 이미지로 되돌립니다."""

    def __init__(self, original_dim, intermediate_dim=64, **kwargs):
        super().__init__(**kwargs)
        self.dense_proj = layers.Dense(intermediate_dim, activation="relu")
        self.dense_output = layers.Dense(original_dim, activation="sigmoid")

    def call(self, inputs):
        x = self.dense_proj(inputs)
        return self.dense_output(x)


# %% [markdown]
"""
마지막으로 `VariationalAutoEncoder`는 인코더와 디코더를 연결하고
`add_loss()`로 KL 발산 규제 손실을 만듭니다.
"""


# %%
class VariationalAutoEncoder(layers.Layer):
    """인코더와 디코더를 연결하여 훈련용 엔드투엔드 모델을 만듭니다."""

    def __init__(self, original_dim, intermediate_dim=64, latent_dim=32, **kwargs):
        super().__init__(**kwargs)
        self.original_dim = original_dim
        self.encoder = Encoder(latent_dim=latent_dim, intermediate_dim=intermediate_dim)
        self.decoder = Decoder(original_dim, intermediate_dim=intermediate_dim)

    def call(self, inputs):
        z_mean, z_log_var, z = self.encoder(inputs)
        reconstructed = self.decoder(z)
        # KL 발산 규제 손실을 추가합니다.
        kl_loss = -0.5 * ops.mean(
            z_log_var - ops.square(z_mean) - ops.exp(z_log_var) + 1
        )
        self.add_loss(kl_loss)
        return reconstructed


# %% [markdown]
"""
이제 훈련 루프를 작성합니다.
훈련 스텝에 `@tf.function` 데코레이터를 붙여 빠른 그래프 함수로 컴파일합니다.
"""

# %% tags=["tolerance-training"]
# 모델
vae = VariationalAutoEncoder(original_dim=784, intermediate_dim=64, latent_dim=32)

# 손실과 옵티마이저
loss_fn = keras.losses.MeanSquaredError()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)

# 데이터셋을 준비합니다.
(x_train, _), _ = keras.datasets.mnist.load_data()
dataset = tf.data.Dataset.from_tensor_slices(
    x_train.reshape(60000, 784).astype("float32") / 255
)
dataset = dataset.shuffle(buffer_size=1024).batch(32)


@tf.function
def training_step(x):
    with tf.GradientTape() as tape:
        reconstructed = vae(x)  # 입력을 재구성합니다.
        # 손실을 계산합니다.
        loss = loss_fn(x, reconstructed)
        loss += sum(vae.losses)  # KL 발산 항을 더합니다.
    # VAE의 가중치를 업데이트합니다.
    grads = tape.gradient(loss, vae.trainable_weights)
    optimizer.apply_gradients(zip(grads, vae.trainable_weights))
    return loss


losses = []  # 손실의 변화를 추적합니다.
for step, x in enumerate(dataset):
    loss = training_step(x)
    # 로그 출력
    losses.append(float(loss))
    if step % 100 == 0:
        print("스텝:", step, "손실:", sum(losses) / len(losses))

    # 1,000 스텝 뒤에 멈춥니다.
    # 모델이 수렴할 때까지 훈련하는 것은 독자의 연습 문제로 남겨 둡니다.
    if step >= 1000:
        break

# %% [markdown]
"""
보다시피 케라스에서는 이런 종류의 모델을 빠르고 손쉽게 만들고 훈련할 수 있습니다.

위 코드가 조금 장황하다고 느낄 수도 있습니다. 세세한 부분까지 모두 직접 처리했기 때문입니다.
이렇게 하면 유연성은 가장 크지만 손이 조금 더 갑니다.

같은 VAE를 함수형 API로 만들면 어떻게 되는지 살펴보겠습니다.
"""

# %%
original_dim = 784
intermediate_dim = 64
latent_dim = 32

# 인코더 모델을 정의합니다.
original_inputs = keras.Input(shape=(original_dim,), name="encoder_input")
x = layers.Dense(intermediate_dim, activation="relu")(original_inputs)
z_mean = layers.Dense(latent_dim, name="z_mean")(x)
z_log_var = layers.Dense(latent_dim, name="z_log_var")(x)
z = Sampling()((z_mean, z_log_var))
encoder = keras.Model(inputs=original_inputs, outputs=z, name="encoder")

# 디코더 모델을 정의합니다.
latent_inputs = keras.Input(shape=(latent_dim,), name="z_sampling")
x = layers.Dense(intermediate_dim, activation="relu")(latent_inputs)
outputs = layers.Dense(original_dim, activation="sigmoid")(x)
decoder = keras.Model(inputs=latent_inputs, outputs=outputs, name="decoder")


# KL 발산 규제 손실을 추가하고 재구성 결과는 그대로 통과시키는 층입니다.
class KLDivergenceLoss(layers.Layer):
    def call(self, inputs):
        z_mean, z_log_var, reconstructed = inputs
        kl_loss = -0.5 * ops.mean(
            z_log_var - ops.square(z_mean) - ops.exp(z_log_var) + 1
        )
        self.add_loss(kl_loss)
        return reconstructed


# VAE 모델을 정의합니다.
outputs = decoder(z)
outputs = KLDivergenceLoss()((z_mean, z_log_var, outputs))
vae = keras.Model(inputs=original_inputs, outputs=outputs, name="vae")

# %% [markdown]
"""
!!! note "Keras 3에서 달라진 점"
    원래 코드는 모델을 만든 뒤 `vae.add_loss(kl_loss)`로 KL 발산 손실을 추가했습니다.
    Keras 3의 함수형 모델에서는 이렇게 할 수 없고(`NotImplementedError`가 납니다), 함수형 모델의
    심볼릭 텐서에 `tf.square` 같은 TensorFlow 연산을 적용할 수도 없습니다. 그래서 KL 발산을 계산해
    `self.add_loss()`로 추가하는 작은 층 `KLDivergenceLoss`를 만들어 모델의 출력 경로에 넣었습니다.
    `fit()`은 이 층이 만든 손실을 모델의 손실에 자동으로 더합니다.

훨씬 간결하지요?

여기서도 `Model` 클래스에 내장된 훈련 루프와 평가 루프(`fit()`과 `evaluate()`)를 쓸 수 있습니다.
직접 확인해 보겠습니다.
"""

# %%
# 손실과 옵티마이저
loss_fn = keras.losses.MeanSquaredError()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)

# 데이터셋을 준비합니다.
(x_train, _), _ = keras.datasets.mnist.load_data()
dataset = tf.data.Dataset.from_tensor_slices(
    x_train.reshape(60000, 784).astype("float32") / 255
)
dataset = dataset.map(lambda x: (x, x))  # x_train을 입력과 타깃으로 함께 사용합니다.
dataset = dataset.shuffle(buffer_size=1024).batch(32)

# 훈련할 수 있도록 모델을 설정합니다.
vae.compile(optimizer, loss=loss_fn)

# 모델을 훈련합니다.
history = vae.fit(dataset, epochs=1, shuffle=False)

# %% [markdown]
"""
함수형 API와 `fit`을 사용하니 모델을 정의하고 훈련하는 코드가 훨씬 짧아졌습니다.
케라스의 철학은 이처럼 생산성을 높여 주는 기능을 제공하면서도,
조금 전의 저수준 훈련 루프처럼 모든 것을 직접 작성해 세세한 부분까지 완전히 제어할 수 있게 하는 것입니다.

## 엔드투엔드 연구 예제 2: 하이퍼네트워크

다른 종류의 연구 실험인 하이퍼네트워크(hypernetwork)를 살펴보겠습니다.

하이퍼네트워크는 다른 신경망(주 신경망)의 가중치를 출력하는 신경망입니다.
원문 가이드는 이 아이디어를 작은 신경망이 더 큰 신경망의 가중치를 만들어 내는 것으로 소개합니다.

아주 간단한 하이퍼네트워크를 구현해 보겠습니다. 주 신경망은 층 2개짜리 분류기입니다. 하이퍼네트워크도
층 2개짜리 신경망으로, 이미지를 하나 읽고 그 이미지를 위한 주 신경망의 가중치 전부(50,890개)를
출력합니다. 그러면 주 신경망이 이 가중치로 같은 이미지를 분류합니다. 즉 이미지마다 주 신경망의 가중치가
새로 만들어지며, 훈련하는 것은 하이퍼네트워크뿐입니다.

다만 이 간단한 버전의 하이퍼네트워크는 작지 않습니다. 마지막 층이 값 16개를 가중치 50,890개로
바꾸므로 이 층 하나에만 파라미터가 16 × 50,890 + 50,890 = 865,130개 있습니다. 아래 셀에서 세어
보듯이, 하이퍼네트워크의 파라미터는 자신이 가중치를 만들어 주는 주 신경망보다 17배쯤 많습니다.
"""

# %%
import numpy as np

input_dim = 784
classes = 10

# 주 신경망: 실제로 레이블을 예측하는 데 사용하는 신경망입니다.
main_network = keras.Sequential(
    [
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(classes),
    ]
)

# 주 신경망을 빌드하여 변수를 만들어 둡니다.
# 아래의 `stateless_call()`은 빌드된 모델에서만 동작하며,
# 이 변수가 아니라 인자로 넘긴 가중치로 계산합니다.
main_network.build((None, input_dim))

# 생성할 가중치 계수의 개수입니다.
# 주 신경망의 층마다 input_dim * output_dim + output_dim개의 계수가 필요합니다.
num_weights_to_generate = (classes * 64 + classes) + (64 * input_dim + 64)

# `main_network`의 가중치를 생성하는 하이퍼네트워크입니다.
hypernetwork = keras.Sequential(
    [
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(num_weights_to_generate, activation="sigmoid"),
    ]
)
hypernetwork.build((None, input_dim))

print("주 신경망의 파라미터 개수:", main_network.count_params())
print("하이퍼네트워크의 파라미터 개수:", hypernetwork.count_params())

# %% [markdown]
"""
훈련 루프는 다음과 같습니다. 데이터 배치마다 다음을 수행합니다.

- `hypernetwork`로 가중치 계수 배열 `weights_pred`를 생성합니다.
- 이 계수를 `main_network`의 커널 텐서와 편향 텐서 모양으로 바꿉니다.
- 이 가중치로 `main_network`의 정방향 계산을 실행하여 MNIST 데이터에 대한 실제 예측을 계산합니다.
- `hypernetwork`의 가중치까지 역전파하여 최종 분류 손실을 최소화합니다.

배치 크기는 1입니다. 생성된 가중치는 이미지 한 장에만 쓰이고, 아래의 모양 바꾸기는 `weights_pred`의 한
행을 층마다 커널 하나와 편향 하나로 바꾸기 때문입니다.
"""

# %% tags=["tolerance-training"]
# 손실과 옵티마이저
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = keras.optimizers.Adam(learning_rate=1e-4)

# 데이터셋을 준비합니다.
(x_train, y_train), _ = keras.datasets.mnist.load_data()
dataset = tf.data.Dataset.from_tensor_slices(
    (x_train.reshape(60000, 784).astype("float32") / 255, y_train)
)

# 이 실험에서는 배치 크기 1을 사용합니다.
dataset = dataset.shuffle(buffer_size=1024).batch(1)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        # 주 신경망의 가중치를 예측합니다.
        weights_pred = hypernetwork(x)

        # 주 신경망에 필요한 w와 b의 모양으로 바꿉니다.
        # 0번 층의 커널
        start_index = 0
        w0_shape = (input_dim, 64)
        w0_coeffs = weights_pred[:, start_index : start_index + np.prod(w0_shape)]
        w0 = tf.reshape(w0_coeffs, w0_shape)
        start_index += np.prod(w0_shape)
        # 0번 층의 편향
        b0_shape = (64,)
        b0_coeffs = weights_pred[:, start_index : start_index + np.prod(b0_shape)]
        b0 = tf.reshape(b0_coeffs, b0_shape)
        start_index += np.prod(b0_shape)
        # 1번 층의 커널
        w1_shape = (64, classes)
        w1_coeffs = weights_pred[:, start_index : start_index + np.prod(w1_shape)]
        w1 = tf.reshape(w1_coeffs, w1_shape)
        start_index += np.prod(w1_shape)
        # 1번 층의 편향
        b1_shape = (classes,)
        b1_coeffs = weights_pred[:, start_index : start_index + np.prod(b1_shape)]
        b1 = tf.reshape(b1_coeffs, b1_shape)
        start_index += np.prod(b1_shape)

        # 생성한 가중치로 주 신경망을 실행합니다.
        # `stateless_call`은 모델의 변수 대신 전달한 텐서를 가중치로 사용합니다.
        preds, _ = main_network.stateless_call([w0, b0, w1, b1], [], x)
        loss = loss_fn(y, preds)

    # 하이퍼네트워크만 훈련합니다.
    grads = tape.gradient(loss, hypernetwork.trainable_weights)
    optimizer.apply_gradients(zip(grads, hypernetwork.trainable_weights))
    return loss


losses = []  # 손실의 변화를 추적합니다.
for step, (x, y) in enumerate(dataset):
    loss = train_step(x, y)

    # 로그 출력
    losses.append(float(loss))
    if step % 100 == 0:
        print("스텝:", step, "손실:", sum(losses) / len(losses))

    # 1,000 스텝 뒤에 멈춥니다.
    # 모델이 수렴할 때까지 훈련하는 것은 독자의 연습 문제로 남겨 둡니다.
    if step >= 1000:
        break

# %% [markdown]
"""
!!! note "Keras 3에서 달라진 점"
    원래 코드는 주 신경망의 층을 빌드된 것으로 표시해(`layer.built = True`) 호출해도 변수가 만들어지지 않게 하고,
    생성한 텐서를 층에 대입한 뒤(`main_network.layers[0].kernel = w0`) 모델을 호출했습니다.
    Keras 3에서는 두 단계 모두 동작하지 않습니다. `Dense` 층의 `kernel`은 읽기 전용 속성이라
    대입하면 `AttributeError`가 나고, 변수 없이 빌드된 것으로만 표시한 층은 커널이 `None`이라
    호출하자마자 실패합니다.
    그래서 주 신경망을 실제로 빌드해(`build`) 변수를 만들어 두고, 생성한 가중치를
    `stateless_call()`에 모델의 `trainable_variables`와 같은 순서(커널, 편향, 커널, 편향)로 넘깁니다.
    `stateless_call()`은 빌드되지 않은 모델을 거부하는데, 이것이 `build`를 호출하는 이유입니다.
    `stateless_call()`은 넘겨받은 값으로 계산하고 모델 자신의 변수는 건드리지 않으므로,
    그레이디언트가 생성된 가중치를 거쳐 `hypernetwork`까지 흘러갑니다.

케라스를 쓰면 어떤 연구 아이디어든 쉽고 빠르게 구현할 수 있습니다.
하루에 아이디어 25개를 실험한다고 상상해 보세요(실험 하나에 평균 20분입니다)!

케라스는 아이디어에서 결과까지 최대한 빨리 갈 수 있도록 설계되었습니다.
케라스를 만든 사람들은 이 속도가 좋은 연구의 핵심이라고 믿습니다.

이 짧은 소개가 도움이 되었기를 바랍니다. 케라스로 무엇을 만들었는지 알려 주세요!
"""
