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
#     translator: 케라스 3 가이드 기여자
#     date_created: '2023-07-10'
#     last_modified: '2026-12-05'
#     original: https://keras.io/getting_started/intro_to_keras_for_engineers/
#     backends: [jax, tensorflow, torch]
#     timeout: 600
# ---

# %% [markdown]
"""
## 소개

Keras 3은 JAX, TensorFlow, PyTorch 위에서 동작하는 딥러닝 프레임워크입니다. 모델을 한 번 작성하면
같은 코드가 어떤 백엔드를 고르든 그대로 훈련됩니다. 이 페이지에서는 엔지니어가 첫날부터 쓰게 될
작업 흐름을 차례로 살펴봅니다. 데이터 불러오기, 세 가지 방법으로 모델 만들기, 콜백과 함께 훈련하기,
평가하기, 예측하기, 저장했다가 다시 불러오기, 모든 백엔드에서 동작하는 층 직접 만들기, NumPy 배열이
아닌 데이터 소스로 훈련하기, 그리고 훈련 스텝 하나 바꾸기입니다.

!!! note "이 페이지에 대해"
    이 페이지는 keras.io에 실린 François Chollet의 Keras 3 가이드(2023년)를 따라가되, 예제를 새로 짜고
    몇 가지를 더한 것입니다. 같은 모델을 함수형 API와 서브클래싱으로 쓴 예, 훈련 기록, 백엔드별 훈련
    스텝이 그렇습니다. 한국어 글은 영어 페이지를 이 사이트에서 새로 번역했습니다. (keras-ko 프로젝트가
    2020년에 번역한 「엔지니어를 위한 케라스 소개」는 `tf.keras`를 대상으로 쓰인 예전의 다른
    가이드입니다.)

    아래 코드 블록은 세 개를 빼고 모두 JAX, TensorFlow, PyTorch **세 백엔드에서** 실제로 실행했습니다.
    예외는 마지막 절의 `train_step()` 블록 세 개입니다. 각 블록은 한 백엔드용으로 쓰여 그 백엔드 이름이
    붙어 있고, 그 백엔드에서 나온 출력을 보여 줍니다. 나머지 두 백엔드에서도 실행해 보았는데, 그 절에서
    설명하는 이유로 오류가 납니다. 테스트는 이 오류가 여전히 나는지도 확인합니다. 백엔드마다 출력이 다른
    곳에는 백엔드별로 탭이 하나씩 있습니다. 코어 2개짜리 CPU에서 한 번 실행하는 데 몇 분이면 끝나도록
    모델을 작게 만들고, MNIST 훈련 이미지 60,000개 중 12,000개로 3 에포크만 훈련합니다. 원문은 더 큰
    합성곱 신경망을 전체 데이터로 최대 20 에포크 동안 훈련합니다.
"""

# %% [markdown]
"""
## 설정

백엔드는 케라스를 가져오기 전에 `KERAS_BACKEND` 환경 변수로 고릅니다(`"jax"`, `"tensorflow"`,
`"torch"`). 예를 들어 노트북의 첫 셀에 `os.environ["KERAS_BACKEND"] = "jax"`라고 씁니다. 케라스는 처음
가져올 때 이 변수를 한 번만 읽습니다.

같은 프로세스에서 나중에 바꿀 수도 있지만 주의할 점이 있습니다. `keras.config.set_backend("torch")`는
이 변수를 바꾸고, 메모리에 올라온 케라스 모듈을 지운 뒤 다시 가져옵니다. 그런데 앞서 가져온 `keras`라는
이름은 여전히 예전 모듈을 가리키므로 `import keras`(그리고 `from keras import ...`)를 다시 실행해야
합니다. 바꾸기 전에 만든 층, 모델, 텐서는 변환되지 않습니다. 예전 백엔드에 그대로 남아 새로 만든 객체와
섞어 쓸 수 없으므로(새 `keras.Sequential`은 예전 층을 받지 않습니다) 다시 만들어야 합니다. 케라스도
`UserWarning`으로 이 점을 경고합니다. 노트북 커널을 다시 시작하는 편이 간단합니다. 이 페이지는
백엔드마다 한 번씩, 새 커널에서 첫 셀을 실행하기 전에 이 변수를 정해 두고 실행했습니다.
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
이미지마다 모양이 `(28, 28, 1)`이 되도록 채널 축을 추가한 다음, 페이지가 빨리 실행되도록 훈련 이미지의
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

케라스에서 모델을 만드는 방법은 세 가지입니다. 어느 방법을 쓰든 결과는 같은 종류의 객체인
`keras.Model`이므로, 세 방법으로 만든 모델과 층을 자유롭게 섞어 쓸 수 있습니다.

**시퀀셜 API**(`keras.Sequential`)는 층을 차례로 쌓습니다. 각 층의 출력이 다음 층으로 그대로 이어지는
평범한 정방향 모델을 가장 짧게 쓰는 방법입니다.
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
**함수형 API**는 심볼릭 입력(`keras.Input`으로 만들며, 실제 데이터 없이 모양만 담은 텐서)에서 시작해
층을 차례로 호출하면서 모델을 층의 그래프로 표현합니다. 입력이나 출력이 여러 개인
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
print("출력 모양:", subclassed_model(x_test[:2]).shape)
print("파라미터 개수:", subclassed_model.count_params())

# %% [markdown]
"""
## `compile()`과 `fit()`으로 훈련하기

`compile()`은 옵티마이저, 손실, 보고할 지표를 정합니다. 그러면 `fit()`이 데이터를 배치 단위로 나눠
정해진 에포크 수만큼 훈련 루프를 실행합니다. 콜백은 이 루프 중간에 끼어듭니다. 여기서는
`ModelCheckpoint`가 에포크마다 모델을 저장하고, `EarlyStopping`은 검증 손실이 더 나아지지 않으면
훈련을 멈춥니다. `validation_split=0.15`를 넘기면 훈련 데이터의 마지막 15%를 떼어 두었다가, 에포크가
끝날 때마다 훈련에 쓰지 않은 이 이미지로 모델을 평가합니다.

`compile()`은 훈련 스텝을 어떻게 컴파일할지도 정합니다. 기본값 `jit_compile="auto"`를 쓰면,
모델이 XLA를 지원하는 한 JAX에서는 언제나, TensorFlow에서는 GPU나 TPU가 있을 때 훈련 스텝을 XLA로
컴파일합니다. 이 페이지를 실행한 컴퓨터처럼 CPU만 있으면 TensorFlow는 XLA를 쓰지 않습니다. PyTorch에서 `"auto"`는
즉시 실행을 뜻합니다(`jit_compile=True`로 지정하면 `torch.compile`을 씁니다). 실제로 무엇이
선택되었는지는 `model.jit_compile`로 확인할 수 있습니다.
"""

# %%
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=2e-3),
    loss=keras.losses.SparseCategoricalCrossentropy(),
    metrics=[keras.metrics.SparseCategoricalAccuracy(name="acc")],
)
print("XLA 컴파일(jit_compile):", model.jit_compile)
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

# %% tags=["tolerance-training"]
for name, values in history.history.items():
    print(name, [round(v, 4) for v in values])

# %% [markdown]
"""
## 평가와 예측

`evaluate()`는 넘겨받은 데이터가 무엇이든 그 데이터로 손실과 지표를 계산합니다. 모델이 새 데이터에서
얼마나 잘 동작하는지 재려면, 여기서처럼 훈련에 쓰지 않은 데이터(테스트 이미지 10,000개)를 넘깁니다.
`predict()`는 모델의 출력을 반환합니다. 여기서는 이미지마다 0부터 9까지 각 숫자일 확률 10개입니다. 확률이 가장 큰 숫자가 예측입니다.
"""

# %% tags=["tolerance-training"]
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"테스트 손실: {loss:.4f}, 테스트 정확도: {accuracy:.4f}")

probabilities = model.predict(x_test[:8], verbose=0)
print("확률 배열 모양:", probabilities.shape)
print("예측:", probabilities.argmax(axis=1))
print("정답:", y_test[:8])

# %% [markdown]
"""
## 저장하고 다시 불러오기

`.keras` 파일에는 모델 전체, 즉 구조와 가중치와 컴파일 설정이 들어 있습니다. 훈련 중에
`ModelCheckpoint`가 쓴 체크포인트도 이런 파일입니다. 훈련이 끝난 모델을 저장했다가 다시 불러오면 같은
출력을 계산하는 모델을 얻습니다. 아래 코드는 두 모델의 예측이 같은지(허용 오차 1e-5 이내) 확인한 뒤, 작업 디렉터리의
`.keras` 파일(직접 저장한 파일과 에포크마다 저장된 체크포인트)을 출력합니다.
"""

# %%
model.save("digits.keras")
restored = keras.saving.load_model("digits.keras")
np.testing.assert_allclose(restored.predict(x_test[:8], verbose=0), probabilities, rtol=1e-5, atol=1e-6)
print(sorted(name for name in os.listdir(".") if name.endswith(".keras")))

# %% [markdown]
"""
## 모든 백엔드에서 동작하는 층

`keras.ops`로 작성한 층은 JAX, TensorFlow, PyTorch에서 그대로 실행됩니다. `keras.ops`에는 NumPy와 같은 API
(`keras.ops.matmul`, `keras.ops.mean` 등)와 신경망에 필요한 연산(`keras.ops.relu`, `keras.ops.softmax`
등)이 들어 있습니다. 난수 연산은 `keras.random`에 있으며 `seed` 인자를 받습니다. 시드 자리에
`keras.random.SeedGenerator`를 넘기면 호출할 때마다 새 시드가 나옵니다. 이 생성기는 상태를 변수 하나에
담아 두고, 층은 이 변수를 훈련되지 않는 변수로 추적합니다. 그래서 이 변수는 `layer.variables`에는
나오지만 `layer.weights`에는 나오지 않습니다. 층이 이렇게 추적하므로 이 상태는 모델의 다른 변수와
똑같이 다뤄집니다. 예를 들어 이 페이지 마지막의 상태 없는 JAX 훈련 스텝은 변수를 모두 인자로 받고 새 값을 반환하는데,
이 상태도 `non_trainable_variables`에 담아 주고받습니다. 그 모델에서 훈련되지 않는 변수는 `Dropout` 층의
시드 상태 하나뿐입니다.

다음은 유닛마다 훈련되는 배율을 출력에 곱하는 밀집 층과, 훈련할 때만 입력에 가우스 잡음을 더하는
층입니다.
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
print("ScaledDense 출력 모양:", keras.ops.convert_to_numpy(layer(batch)).shape)
print("가중치:", [w.name for w in layer.weights])
noisy = GaussianNoiseLayer(0.1)
print("추론할 때는 입력 그대로:", bool(keras.ops.all(noisy(batch) == batch)))
print("잡음 층의 가중치:", noisy.weights, "변수:", [v.name for v in noisy.variables])

# %% [markdown]
"""
직접 만든 층은 어떤 모델에든 넣을 수 있습니다. 이미지를 펼쳐 입력받는 작은 분류기를 한 에포크 동안
훈련해 봅니다.
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
print("테스트 정확도:", round(custom_model.evaluate(x_test, y_test, verbose=0)[1], 4))

# %% [markdown]
"""
## 다른 데이터 소스로 훈련하기

지금까지는 `fit()`에 NumPy 배열을 넘겼습니다. 어떤 백엔드로 모델을 실행하든 `fit()`은 다른 데이터
소스도 받습니다.

- **NumPy 배열**: 앞에서처럼 `fit()`이 `batch_size`개씩 배치로 나누고, 에포크마다 섞습니다.
- **`tf.data.Dataset`**: `(입력, 타깃)` 배치를 내주는 데이터셋입니다(TensorFlow가 설치되어 있어야 합니다).
- **PyTorch `DataLoader`**(PyTorch가 설치되어 있어야 합니다).
- **`keras.utils.PyDataset`**: 직접 작성하는 파이썬 클래스입니다. `__getitem__(index)`는 `index`번째
  배치를, `__len__()`은 배치 개수를 반환합니다. 배치를 병렬로 불러올 수 있고(`workers=`),
  `on_epoch_end()`는 에포크가 끝날 때마다 실행됩니다.

뒤의 세 가지는 이미 배치 단위로 데이터를 내주므로 `fit()`에 `batch_size`를 넘기지 않습니다. 데이터를
섞는 일도 데이터 소스가 맡습니다.
`fit()`의 `shuffle`은 데이터셋이나 `DataLoader` 안까지 손대지 못하고(기본값 `shuffle=True`를 그대로 두면
무시한다는 경고를 출력합니다), `PyDataset`에서는 배치의 순서만 섞습니다. 그래서 아래의 각 데이터 소스는
직접 데이터를 섞고, `fit()`에는 `shuffle=False`를 넘깁니다. 같은 작은 모델을 데이터 소스마다 이미지
4,000개로 2 에포크씩 훈련하며, 코드는 모든 백엔드에서 똑같습니다.
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
## 훈련 스텝 하나 바꾸기

훈련 알고리즘은 직접 짜고 싶지만 `fit()`이 주는 나머지(콜백, 진행 표시, 분산 훈련)는 그대로 쓰고
싶다면 모델의 `train_step()`을 재정의합니다. 이 페이지에서 백엔드마다 코드가 달라지는 곳은 여기뿐입니다. 훈련 스텝은
그레이디언트를 계산해야 하는데, 프레임워크마다 그 방법이 다르기 때문입니다. JAX는 *상태가 없는*
함수(변수를 안에 두지 않고 모두 인자로 받는 함수)에 `jax.value_and_grad`를 적용해 그레이디언트를 계산하므로, 훈련 스텝은 모델의 변수를 인자로
받고 새 값을 반환합니다. TensorFlow는 `tf.GradientTape`로 정방향 계산을 기록합니다. PyTorch는
`loss.backward()`로 그레이디언트를 계산해 변수마다 저장합니다.

아래 세 버전은 각각 한 백엔드용으로 쓰였고, 블록마다 그 백엔드를 표시해 두었습니다. 끝까지 실행되는
것은 그 백엔드에서뿐이고, 나머지 두 백엔드에서는 오류가 납니다. 오류가 나는 이유는 경우마다 다릅니다
(블록마다 모든 백엔드에서 실행해 보고 실제로 난 오류를 적었습니다).

- JAX에서 `fit()`은 훈련 스텝을 `train_step(state, data)`로 호출하고 `(logs, state)`를 돌려받습니다.
  TensorFlow 버전과 PyTorch 버전은 `data` 하나만 받으므로 JAX에서는 곧바로 `TypeError`가 납니다(인자가
  하나 많음). 반대로 TensorFlow와 PyTorch는 `train_step(data)`로 호출하므로, JAX 버전은
  `TypeError`(인자 `data`가 빠짐)로 실패합니다.
- TensorFlow 버전을 PyTorch에서 실행하면 호출 방식은 맞지만 이제 모델이 PyTorch 텐서로 계산합니다.
  `tf.GradientTape`는 TensorFlow 연산만 기록하고, `tape.gradient()`는 PyTorch 텐서인 손실을 받지도
  못합니다. 그래서 `TypeError`가 납니다.
- PyTorch 버전을 TensorFlow에서 실행하면 호출 방식은 역시 맞지만, 케라스 모델이 `torch.nn.Module`이
  되는 것은 PyTorch 백엔드에서뿐입니다. 다른 백엔드에서는 모델에 `zero_grad()` 메서드가 없어
  `AttributeError`가 납니다.
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
  [TensorFlow](https://keras.io/guides/writing_a_custom_training_loop_in_tensorflow/),
  [PyTorch](https://keras.io/guides/writing_a_custom_training_loop_in_torch/) (영문).
- 여러 장치로 훈련하기: [분산 API](https://keras.io/guides/distribution/)(`keras.distribution`, 데이터
  병렬화와 모델 병렬화), 그리고 백엔드별 분산 훈련 가이드
  [JAX](https://keras.io/guides/distributed_training_with_jax/),
  [TensorFlow](https://keras.io/guides/distributed_training_with_tensorflow/),
  [PyTorch](https://keras.io/guides/distributed_training_with_torch/) (영문).
- 이 사이트의 [연구자를 위한 케라스 소개](intro_to_keras_for_researchers.md)에서는 TensorFlow로 층,
  손실, 지표, 저수준 훈련 루프를 더 깊이 다룹니다.
"""
