# ---
# jupyter:
#   jupytext:
#     cell_markers: '"""'
#     formats: py:percent
#     notebook_metadata_filter: guide
#   guide:
#     title: Sequential 모델
#     description: 층을 한 줄로 쌓기만 하면 되는 때는 언제인지, 그리고 Keras 3에서 그런 모델을 만들고 살펴보고 훈련하고 다시 쓰는 방법.
#     author: François Chollet
#     translator: 케라스 3 가이드 기여자
#     date_created: '2020-04-12'
#     last_modified: '2026-12-05'
#     original: https://keras.io/guides/sequential_model/
#     backends: [jax, tensorflow, torch]
#     timeout: 600
# ---

# %% [markdown]
"""
`keras.Sequential`은 케라스에서 모델을 가장 짧게 쓰는 방법입니다. 층을 나열하기만 하면 각 층의 출력이
다음 층의 입력이 됩니다. 이 페이지에서는 이런 모델로 충분한 때가 언제인지, 모델을 만들고 들여다보는
방법, 가중치가 언제 생기는지, 그리고 훈련된 Sequential 모델을 특성 추출과 전이 학습에 다시 쓰는 방법을
살펴봅니다.

!!! note "이 페이지에 대해"
    이 페이지는 keras.io에 실린 François Chollet의 가이드를 따라갑니다. 원문의 코드도 `keras.ops`를 쓰는
    Keras 3 코드라서 백엔드에 상관없이 동작합니다. 아래 코드 블록은 모두 JAX, TensorFlow, PyTorch
    **세 백엔드에서** 실제로 실행했습니다. 원문과 다른 점은 다음과 같습니다.

    - Keras 3은 원문의 설명과 두 군데에서 다르게 동작합니다. 아직 빌드되지 않은 모델의
      `model.weights`를 읽으면 오류 대신 빈 리스트가 나오고, `summary()`도 실패하지 않고 모양을 모르는
      채로 모델을 보여 줍니다. 층에 `input_shape=`를 넘기는 방법은 원문에서 이제 다루지 않는데, 지금도
      동작하지만 경고가 나옵니다. 이 페이지는 원문처럼 모델을 `keras.Input`으로 시작하고, 그 경고를 직접
      보여 줍니다.
    - 원문의 "모델을 만든 다음에 할 일" 절은 다른 가이드로 가는 링크뿐입니다. 여기서는 작은 모델을
      MNIST 이미지 10,000개로 2 에포크 동안 훈련하고, 평가하고, 저장했다가 다시 불러옵니다.
    - 원문은 전이 학습의 두 가지 패턴을 실행하지 않는 코드로만 보여 주며, ImageNet 가중치를 내려받은
      Xception을 베이스 모델로 씁니다. 여기서는 두 패턴을 모두 실행하고, 이 페이지에서 훈련한 작은
      MNIST 모델을 "사전 훈련된" 신경망으로 써서 아무것도 내려받지 않습니다. 두 번째 패턴의 새 작업은
      숫자가 홀수인지 짝수인지 가리는 것입니다.
"""

# %% [markdown]
"""
## 설정
"""

# %%
import warnings

import numpy as np
import keras
from keras import layers

print("Keras", keras.__version__, "백엔드:", keras.backend.backend())

# %% [markdown]
"""
## Sequential 모델은 언제 쓰나요

Sequential 모델은 **층을 한 줄로 쌓았고, 모든 층이 정확히 입력 텐서 하나를 받아 출력 텐서 하나를
돌려주는 모델**에 알맞습니다.

예를 들어 다음은 `Dense` 층 세 개로 이루어진 모델입니다.
"""

# %%
model = keras.Sequential(
    [
        layers.Dense(2, activation="relu", name="first"),
        layers.Dense(3, activation="relu", name="second"),
        layers.Dense(4, name="third"),
    ]
)
x = keras.ops.ones((3, 3))  # 특성이 3개인 샘플 3개로 된 배치
y = model(x)
print("출력 모양:", tuple(y.shape))

# %% [markdown]
"""
이 모델은 세 층을 중첩된 함수처럼 차례로 호출하는 것과 같은 계산을 합니다.
"""

# %%
first = layers.Dense(2, activation="relu", name="first")
second = layers.Dense(3, activation="relu", name="second")
third = layers.Dense(4, name="third")

x = keras.ops.ones((3, 3))
y = third(second(first(x)))
print("출력 모양:", tuple(y.shape))

# %% [markdown]
"""
이 말은 비유가 아닙니다. 바로 이 세 층 객체로 Sequential 모델을 만들면, 모델은 세 층의 가중치를
그대로 쓰고 중첩 호출이 돌려준 값과 정확히 같은 값을 돌려줍니다.
"""

# %%
same_layers = keras.Sequential([first, second, third])
print("같은 출력:", np.allclose(keras.ops.convert_to_numpy(same_layers(x)), keras.ops.convert_to_numpy(y)))

# %% [markdown]
"""
다음과 같은 경우에는 Sequential 모델이 **맞지 않습니다**.

- 모델의 입력이나 출력이 여러 개일 때
- 어떤 층의 입력이나 출력이 여러 개일 때
- 층을 공유할 때, 즉 한 층을 모델의 여러 곳에서 쓸 때
- 데이터가 한 줄로 흐르지 않을 때. 예를 들어 잔차 연결이 있거나, 여러 갈래로 나뉘었다가 다시
  합쳐지는 구조일 때

이럴 때는 [함수형 API](https://keras.io/guides/functional_api/)를 쓰거나 `keras.Model`을
서브클래싱하세요.
"""

# %% [markdown]
"""
## Sequential 모델 만들기

보통은 생성자에 층의 리스트를 넘깁니다.
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
`layers` 속성에 층이 순서대로 들어 있습니다.
"""

# %%
model.layers

# %% [markdown]
"""
빈 모델에서 시작해 `add()` 메서드로 층을 하나씩 덧붙여도 됩니다.
"""

# %%
model = keras.Sequential()
model.add(layers.Dense(2, activation="relu"))
model.add(layers.Dense(3, activation="relu"))
model.add(layers.Dense(4))
print("층 개수:", len(model.layers))

# %% [markdown]
"""
`pop()`은 마지막 층을 다시 빼냅니다. 이런 점에서 Sequential 모델은 층을 담은 파이썬 리스트와 거의
똑같이 동작합니다.
"""

# %%
model.pop()
print("pop() 뒤의 층 개수:", len(model.layers))

# %% [markdown]
"""
Sequential 모델도 케라스의 다른 층이나 모델처럼 `name` 매개변수로 이름을 붙일 수 있고, 그 안에 넣는 층도
마찬가지입니다.
의미 있는 이름을 붙여 두면 모델 요약, 오류 메시지, TensorBoard 그래프를 읽기 쉬워지고, 나중에 이름으로
층을 찾을 수도 있습니다.
"""

# %%
model = keras.Sequential(name="my_sequential")
model.add(layers.Dense(2, activation="relu", name="layer1"))
model.add(layers.Dense(3, activation="relu", name="layer2"))
model.add(layers.Dense(4, name="layer3"))
print("모델:", model.name)
print("층:", [layer.name for layer in model.layers])
print("이름으로 찾은 층:", model.get_layer("layer2").name)

# %% [markdown]
"""
## 입력 모양 미리 정하기

층은 입력의 모양(shape)을 알아야 가중치를 만들 수 있습니다. 가중치의 모양이 입력의 모양에 따라
달라지기 때문입니다. 그래서 새로 만든 `Dense` 층에는 가중치가 하나도 없습니다.
"""

# %%
layer = layers.Dense(3)
layer.weights

# %% [markdown]
"""
실제 데이터로 처음 호출할 때 입력 모양이 정해지고, 층은 그때 가중치를 만듭니다. 모양이
(입력 특성 개수, 3)인 커널(가중치 행렬)과 모양이 (3,)인 편향입니다.
"""

# %%
y = layer(keras.ops.ones((1, 4)))
for weight in layer.weights:
    print(weight.path, weight.shape)

# %% [markdown]
"""
Sequential 모델도 마찬가지입니다. 입력 모양 없이 만든 모델은 아직 *빌드*되지 않았고, 어느 층에도
가중치가 없습니다. Keras 3에서는 이때 `model.weights`가 빈 리스트이고, `summary()`는 층 목록은
보여 주지만 출력 모양도 파라미터 개수도 보여 주지 못합니다.
"""

# %%
model = keras.Sequential(
    [
        layers.Dense(2, activation="relu"),
        layers.Dense(3, activation="relu"),
        layers.Dense(4),
    ]
)
print("빌드됨:", model.built)
print("가중치:", model.weights)
model.summary()

# %% [markdown]
"""
모델을 배치 하나로 호출하면 층이 차례로 빌드됩니다. 이제 `Dense` 층마다 커널과 편향이 하나씩 있어서
가중치는 모두 여섯 개입니다.
"""

# %%
y = model(keras.ops.ones((1, 4)))
print("빌드됨:", model.built)
print("처음 호출한 뒤의 가중치 개수:", len(model.weights))

# %% [markdown]
"""
빌드가 끝난 모델의 `summary()`는 층마다 출력 모양과 파라미터 개수를 보여 줍니다.
"""

# %%
model.summary()

# %% [markdown]
"""
하지만 층을 하나씩 더해 가며 모델을 만들 때는 층을 *더하는 도중에도* 출력 모양까지 나온 요약을
보고 싶어집니다. 그러려면 `keras.Input`을 모델의 첫 원소로 넣어 처음부터 입력 모양을 알려 주면 됩니다.
"""

# %%
model = keras.Sequential()
model.add(keras.Input(shape=(4,)))
model.add(layers.Dense(2, activation="relu"))

model.summary()

# %% [markdown]
"""
`keras.Input`이 돌려주는 것은 층이 아니라 심볼릭 텐서입니다. 모델은 이것을 `InputLayer`로 바꿔 두지만,
`model.layers`는 그 층을 빼고 보여 줍니다. 모델은 곧바로 빌드됩니다.
"""

# %%
print(model.layers)
print("빌드됨:", model.built, "- 가중치 개수:", len(model.weights))

# %% [markdown]
"""
예전 코드에서는 첫 층에 `input_shape=(4,)`처럼 모양을 넘기는 경우가 많습니다. Keras 3도 이 방법을
받아들이지만, `keras.Input`을 쓰라는 경고를 냅니다. 아래 셀은 경고를 기록해 두었다가 그 내용을 출력합니다.
"""

# %%
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    legacy = keras.Sequential([layers.Dense(2, activation="relu", input_shape=(4,))])
print("빌드됨:", legacy.built)
for warning in caught:
    print(warning.category.__name__, "-", warning.message)

# %% [markdown]
"""
입력 모양을 아는 모델은 데이터를 보기 전부터 가중치가 있고, 출력 모양도 정해져 있습니다. 그러니
Sequential 모델의 입력 모양을 알고 있다면 언제나 `keras.Input`으로 모델을 시작하세요.
"""

# %% [markdown]
"""
## 흔히 쓰는 디버깅 방법: `add()` + `summary()`

새 Sequential 구조를 설계할 때는 층을 하나씩 `add()`로 더하면서 요약을 자주 출력해 보세요. 예를 들어
`Conv2D` 층과 `MaxPooling2D` 층을 쌓아 갈 때 이미지의 특성 맵이 어떻게 줄어드는지 따라가기에는 이
방법이 가장 쉽습니다.
"""

# %%
model = keras.Sequential()
model.add(keras.Input(shape=(250, 250, 3)))  # 250x250 픽셀 RGB 이미지
model.add(layers.Conv2D(32, 5, strides=2, activation="relu"))
model.add(layers.Conv2D(32, 3, activation="relu"))
model.add(layers.MaxPooling2D(3))

# 지금 출력 모양은 어떨까요? 손으로 계산하는 대신 출력해 봅니다.
model.summary()

# %% [markdown]
"""
특성 맵이 40x40에 채널 32개로 아직 크므로 다운샘플링을 계속합니다.
"""

# %%
model.add(layers.Conv2D(32, 3, activation="relu"))
model.add(layers.Conv2D(32, 3, activation="relu"))
model.add(layers.MaxPooling2D(3))
model.add(layers.Conv2D(32, 3, activation="relu"))
model.add(layers.Conv2D(32, 3, activation="relu"))
model.add(layers.MaxPooling2D(2))

# 이번에는?
model.summary()

# %% [markdown]
"""
4x4까지 줄었으니 전역 최대 풀링으로 각 특성 맵을 숫자 하나로 바꾸고, 그 위에 `Dense` 층을 얹어
이미지를 10개 클래스로 분류합니다.
"""

# %%
model.add(layers.GlobalMaxPooling2D())
model.add(layers.Dense(10))
print("출력 모양:", model.output_shape)
print("파라미터 개수:", model.count_params())

# %% [markdown]
"""
## 모델을 만든 다음에 할 일

구조가 정해지면 보통 다음과 같은 일을 하게 됩니다.

- 모델을 훈련하고, 평가하고, 추론에 쓰기:
  [내장 메서드를 사용한 훈련과 평가](https://keras.io/guides/training_with_built_in_methods/) 가이드를
  보세요.
- 모델을 디스크에 저장했다가 다시 불러오기:
  [저장과 직렬화](https://keras.io/guides/serialization_and_saving/) 가이드를 보세요.
- 여러 GPU로 훈련 속도 높이기: [분산 훈련](https://keras.io/guides/distributed_training/) 가이드를
  보세요.

여기서는 앞의 두 가지를 간단히 해 봅니다. 데이터는 MNIST 숫자 이미지입니다. 28x28 이미지 하나를 0과 1
사이의 값 784개로 펼치고, 모델로는 `Dense` 층 몇 개를 쌓은 작은 모델을 씁니다. 페이지가 빨리 실행되도록 훈련 이미지
60,000개 중 10,000개로 2 에포크만 훈련합니다.
"""

# %%
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train[:10000].reshape(-1, 784).astype("float32") / 255
y_train = y_train[:10000]
x_test = x_test.reshape(-1, 784).astype("float32") / 255
print("훈련 데이터:", x_train.shape, y_train.shape)
print("테스트 데이터:", x_test.shape, y_test.shape)


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
`evaluate()`는 모델이 훈련 중에 한 번도 보지 못한 테스트 이미지 10,000개로 성능을 측정하고,
`predict()`는 모델의 출력을 돌려줍니다. 출력은 이미지마다 숫자 0~9 각각의 점수(로짓) 10개이고,
점수가 가장 큰 숫자가 예측입니다.
"""

# %% tags=["tolerance-training"]
test_loss, test_accuracy = mlp.evaluate(x_test, y_test, batch_size=1000, verbose=0)
print(f"테스트 손실: {test_loss:.3f}, 테스트 정확도: {test_accuracy:.3f}")

logits = mlp.predict(x_test[:10], verbose=0)
print("로짓 배열의 모양:", logits.shape)
print("예측:", logits.argmax(axis=1))
print("정답:", y_test[:10])

# %% [markdown]
"""
`save()`는 모델 전체(구조, 가중치, 컴파일 설정)를 `.keras` 파일 하나에 저장하고,
`keras.saving.load_model()`은 그 파일에서 모델을 다시 만듭니다. `save_weights()`는 가중치만
저장합니다. 이 가중치는 아래 전이 학습 절에서 씁니다.
"""

# %%
mlp.save("mnist_mlp.keras")
mlp.save_weights("mnist_mlp.weights.h5")

restored = keras.saving.load_model("mnist_mlp.keras")
print("불러온 모델:", restored.name, "- 층 개수:", len(restored.layers))
print("같은 예측:", np.allclose(restored.predict(x_test[:10], verbose=0), logits, atol=1e-5))

# %% [markdown]
"""
## Sequential 모델로 특성 추출하기

빌드된 Sequential 모델은 [함수형 API](https://keras.io/guides/functional_api/) 모델처럼 동작합니다.
모델에는 `inputs`와 `outputs`가 있고, 층마다 `input`과 `output`이 있습니다. 이 속성을 이용하면 예를 들어
Sequential 모델의 모든 중간 층 출력을 돌려주는 모델을 만들 수 있습니다.
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
이름으로 찾은 층 하나의 출력만 꺼낼 수도 있습니다.
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
print("특성:", tuple(features.shape))
print(
    "같은 층 객체:",
    feature_extractor.get_layer("my_intermediate_layer") is initial_model.get_layer("my_intermediate_layer"),
)

# %% [markdown]
"""
특성 추출 모델은 아무것도 복사하지 않습니다. 이 모델의 층은 `initial_model`의 층과 같은 객체이고 가중치도
공유하므로, 한쪽을 훈련하면 다른 쪽의 가중치도 함께 바뀝니다.
"""

# %% [markdown]
"""
## Sequential 모델로 전이 학습하기

전이 학습은 어떤 작업으로 훈련한 모델의 아래쪽 층(입력에 가까운 층)을 동결하고 위쪽 층만 훈련하는 방법입니다. 새 작업의
데이터가 적을 때 자주 씁니다. 자세한 내용은
[전이 학습과 미세 조정](https://keras.io/guides/transfer_learning/) 가이드에 있습니다. Sequential
모델로 전이 학습을 할 때 자주 쓰는 패턴이 두 가지 있습니다.

**마지막 층만 남기고 모두 동결하기.** 사전 훈련된 가중치를 불러온 다음 `model.layers`를 돌면서 마지막
층을 뺀 모든 층에 `trainable = False`를 설정하고, 모델을 컴파일해 훈련합니다. 그러면 마지막 층의
가중치만 바뀝니다. 여기서 "사전 훈련된" 가중치는 위에서 훈련하고 저장한 MNIST 모델의 가중치입니다.
"""

# %%
model = make_mlp()
model.load_weights("mnist_mlp.weights.h5")

# 마지막 층을 뺀 모든 층을 동결합니다.
for layer in model.layers[:-1]:
    layer.trainable = False

print("훈련되는 가중치:", [w.path for w in model.trainable_weights])
print("동결된 가중치 개수:", len(model.non_trainable_weights))

frozen_kernel = keras.ops.convert_to_numpy(model.layers[0].kernel)
model.compile(
    optimizer="adam",
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
head_history = model.fit(x_train, y_train, batch_size=64, epochs=1, verbose=2)
print("첫 층은 그대로:", np.array_equal(keras.ops.convert_to_numpy(model.layers[0].kernel), frozen_kernel))

# %% [markdown]
"""
Keras 3은 `compile()` 뒤 처음 `fit()`을 호출해 훈련 스텝과 옵티마이저를 만들 때 어떤 가중치를 훈련할지
정하고, `compile()`을 다시 호출하면 이 과정을 처음부터 다시 합니다. 그래서 위 코드에서는 `compile()`을 호출하기
전에 반복문으로 층을 동결했습니다. 이미 훈련한 모델의 `trainable`을 바꿨다면 더 훈련하기 전에 새 옵티마이저로
(`"adam"` 같은 문자열을 넘기면 새로 만들어집니다) `compile()`을 다시 호출하세요. 그러지 않으면 TensorFlow에서는
`fit()`이 바뀐 설정을 무시하고, JAX에서는 오류를 내며 멈춥니다(PyTorch만 바뀐 설정을 저절로 반영합니다).

**동결한 베이스 모델 위에 새 헤드 쌓기.** 베이스 모델은 입력을 특성으로 바꾸는 사전 훈련된 신경망이고,
Sequential 모델은 그 위에 새로 초기화한 층, 즉 헤드를 얹습니다. 실제로는 `keras.applications`의 합성곱 신경망을
`weights="imagenet"`으로 불러와 베이스로 쓰는 경우가 많습니다. 여기서는 아무것도 내려받지 않도록,
위에서 훈련한 MNIST 모델에서 마지막 층을 뺀 부분을 앞에서 본 특성 추출 방법으로 떼어 내 베이스로
씁니다. 새 작업은 숫자가 홀수인지 짝수인지 가리는 것이고, 새 헤드는 은닉층 하나와 시그모이드 출력 하나로
이루어집니다.
"""

# %%
base_model = keras.Model(inputs=mlp.inputs, outputs=mlp.layers[-2].output, name="base")
base_model.trainable = False  # 베이스 모델의 모든 층을 동결합니다

model = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        base_model,
        layers.Dense(32, activation="relu"),
        layers.Dense(1, activation="sigmoid"),
    ]
)
print("훈련되는 가중치 개수:", len(model.trainable_weights), "- 동결된 가중치 개수:", len(model.non_trainable_weights))

model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
parity_history = model.fit(x_train, y_train % 2, batch_size=64, epochs=2, verbose=2)

# %% [markdown]
"""
동결된 베이스는 홀짝을 가리도록 훈련된 것이 아니라 어떤 숫자인지 알아보도록 훈련되었습니다. 그래도 베이스가 내놓는 특성 32개면
작은 헤드가 새 작업을 배우기에 충분하고, 처음 보는 테스트 이미지에서도 잘 맞힙니다.
"""

# %% tags=["tolerance-training"]
parity_loss, parity_accuracy = model.evaluate(x_test, y_test % 2, batch_size=1000, verbose=0)
print(f"홀짝 테스트 정확도: {parity_accuracy:.3f}")

# %% [markdown]
"""
전이 학습을 할 때는 이 두 패턴을 아주 자주 쓰게 됩니다.
"""

# %% [markdown]
"""
## 더 읽을거리

Sequential 모델에 대해 알아야 할 것은 이 정도입니다. 케라스로 다른 형태의 모델을 만드는 방법은 다음
글에서 볼 수 있습니다.

- [함수형 API](https://keras.io/guides/functional_api/) 가이드
- [서브클래싱으로 새 층과 모델 만들기](https://keras.io/guides/making_new_layers_and_models_via_subclassing/)
  가이드
- 이 사이트의 [엔지니어를 위한 케라스 소개](intro_to_keras_for_engineers.md): 모델 하나를 세 가지
  방식(Sequential, 함수형, 서브클래싱)으로 쓰고 모든 백엔드에서 훈련합니다.
"""
