# ---
# jupyter:
#   jupytext:
#     cell_markers: '"""'
#     formats: py:percent
#     notebook_metadata_filter: guide
#   guide:
#     title: 함수형 API
#     description: 케라스 3 모델을 층의 그래프로 만드는 방법. 입력과 출력이 여러 개인 모델, 공유 층, 잔차 연결, 모델 안의 모델까지 다룹니다.
#     author: François Chollet
#     translator: 케라스 3 가이드 기여자
#     date_created: '2019-03-01'
#     last_modified: '2026-12-05'
#     original: https://keras.io/guides/functional_api/
#     backends: [jax, tensorflow, torch]
#     timeout: 600
# ---

# %% [markdown]
"""
함수형 API는 심볼릭 입력에서 시작해 층을 차례로 호출한 다음, 어떤 텐서가 모델의 입력이고 어떤 텐서가
출력인지 지정해서 케라스 모델을 만드는 방법입니다. `keras.Sequential`로 할 수 있는 일은 모두 할 수 있고, 한 줄로
곧게 이어지지 않는 모델도 만들 수 있습니다. 입력이나 출력이 여러 개인 모델, 같은 층을 여러 번 쓰는
모델, 갈라졌다가 다시 합쳐지는 모델, 다른 모델 안에 들어가는 모델이 그런 예입니다.

!!! note "이 페이지에 대해"
    이 페이지는 keras.io에 실린 François Chollet의 가이드를 따라가되, 백엔드에 상관없이 동작하는
    코드(TensorFlow 함수 대신 `keras.ops`)로 Keras 3에 맞게 새로 쓴 것입니다. 모든 코드 블록을 JAX,
    TensorFlow, PyTorch **세 백엔드에서** 실행했습니다. 원문과 다른 점은 다음과 같습니다.

    - MNIST 모델은 훈련 이미지 60,000개 중 12,000개로 2 에포크 동안 훈련합니다. 코어 2개짜리 CPU에서
      페이지 전체가 1분 안에 실행되도록 줄였습니다.
    - 원문은 작은 ResNet을 CIFAR-10으로 훈련하는데, 이 데이터셋은 내려받아야 합니다. 여기서는 ResNet이
      MNIST 숫자 이미지(32x32 컬러 이미지 대신 28x28 흑백 이미지)를 읽고, 이미지 1,000개로 1 에포크만
      훈련합니다.
    - 원문은 ImageNet으로 사전 훈련된 VGG19에서 특성을 추출하는데, 내려받아야 하는 가중치만 약
      550MB입니다. 여기서는 이 페이지에서 훈련한 작은 ResNet에서 특성을 뽑습니다. `keras.applications`의
      모델을 포함해 어떤 함수형 모델이든 방법은 같습니다.
    - 티켓 분류 모델은 크기를 줄였고(어휘 2,000개, 무작위 티켓 512개), 범주형 크로스 엔트로피 손실에
      맞게 부서 타깃을 원-핫 벡터로 만듭니다.
    - 직접 작성한 순환 층은 배치 크기를 입력에서 읽으므로(`ops.shape`), 원문과 달리 배치 크기가 고정된
      입력이 필요 없습니다.
    - 몇 가지 확인을 더했습니다. 한 그래프로 만든 두 모델이 층을 공유하는지, 앙상블이 정말로 멤버
      모델의 평균을 내는지, 공유 층의 가중치가 한 벌뿐인지, 모양이 맞지 않는 텐서를 더하면 어떻게 되는지 확인합니다.
"""

# %% [markdown]
"""
## 설정
"""

# %%
import numpy as np
import keras
from keras import layers, ops

print("백엔드:", keras.backend.backend())

# %% [markdown]
"""
## 소개

딥러닝 모델은 대부분 층으로 이루어진 *방향성 비순환 그래프*(directed acyclic graph, DAG)입니다.
데이터는 입력에서 출발해 층을 거쳐 출력으로 흘러가고, 이미 지나온 층으로 되돌아가지 않습니다. 함수형
API는 이런 그래프를 코드로 적는 방법입니다. `Sequential` 모델은 그래프가 한 줄로 이어진 특수한 경우만
나타낼 수 있습니다.

28x28 숫자 이미지를 784개의 숫자로 펼쳐서 입력받는 분류기를 예로 들어 보겠습니다.

```text
입력: 픽셀 값 784개로 된 벡터
  -> Dense, 유닛 64개, ReLU
  -> Dense, 유닛 64개, ReLU
  -> Dense, 유닛 10개 (숫자마다 로짓 하나)
출력: 로짓 10개
```

층이 세 개인 그래프입니다. 함수형 API에서는 먼저 `keras.Input`으로 입력 노드를 만듭니다.
"""

# %%
inputs = keras.Input(shape=(784,), name="pixels")

# %% [markdown]
"""
`shape`는 배치가 아니라 샘플 하나의 모양입니다. 배치 크기는 정하지 않고 비워 두므로, 나중에 모델에
어떤 크기의 배치든 넣을 수 있습니다. 32x32 픽셀 컬러 이미지를 받는 입력이라면
`keras.Input(shape=(32, 32, 3))`이라고 씁니다.

`inputs`는 심볼릭 텐서(`KerasTensor`)입니다. 데이터는 들어 있지 않고, 모델이 받을 데이터의 모양과
`dtype`만 담고 있습니다. 아직 모르는 배치 차원은 `None`으로 표시됩니다.
"""

# %%
print("모양:", inputs.shape)
print("dtype:", inputs.dtype)
print(type(inputs).__name__)

# %% [markdown]
"""
`inputs`에 층을 호출하면 그래프에 노드가 하나 추가되고, 그 층의 출력인 새 심볼릭 텐서가 반환됩니다.
`inputs`에서 이 층으로 화살표를 하나 긋는 셈입니다. 아직 계산은 일어나지 않고, 케라스는 결과의 모양만
구해 둡니다.
"""

# %%
hidden = layers.Dense(64, activation="relu")
x = hidden(inputs)
print("첫 번째 Dense 층을 지난 뒤:", x.shape)

# %% [markdown]
"""
나머지 두 층도 같은 방식으로 추가한 다음, 입력과 출력을 지정해 `keras.Model`을 만듭니다. 케라스는
출력에서 입력 쪽으로 그래프를 거슬러 올라가며 그 사이에 있는 층을 모읍니다.
"""

# %%
x = layers.Dense(64, activation="relu")(x)
outputs = layers.Dense(10)(x)

model = keras.Model(inputs=inputs, outputs=outputs, name="mnist_mlp")
model.summary()

# %% [markdown]
"""
모델이 그래프이므로 케라스는 모델을 그림으로 그릴 수 있습니다. `keras.utils.plot_model`은 그림을 파일로
저장하고(`pydot` 패키지와 Graphviz가 필요합니다) 그 그림을 반환하므로, 노트북에서는 그림이 바로
표시됩니다.
"""

# %%
keras.utils.plot_model(model, "mnist_mlp.png")

# %% [markdown]
"""
`show_shapes=True`를 지정하면 상자마다 들어오고 나가는 텐서의 모양도 함께 표시됩니다.
"""

# %%
keras.utils.plot_model(model, "mnist_mlp_with_shapes.png", show_shapes=True)

# %% [markdown]
"""
그림과 코드는 같은 내용을 담고 있습니다. 그림의 화살표 하나가 코드의 층 호출 하나입니다. 모델을 층의
그래프로 떠올리면 이해하기 쉽고, 함수형 API를 쓰면 떠올린 모습 그대로 모델을 코드로 옮길 수 있습니다.
"""

# %% [markdown]
"""
## 훈련, 평가, 추론

함수형 모델도 여느 모델과 같은 `keras.Model`이므로, 훈련하고 평가하고 예측하는 방법이 `Sequential`
모델과 똑같습니다. `compile()`로 옵티마이저, 손실, 지표를 정하고, `fit()`은 내장 훈련 루프를,
`evaluate()`는 내장 평가 루프를, `predict()`는 추론 루프를 실행합니다. 입력과 타깃 쌍이 아닌 방식으로
훈련해야 한다면(예를 들어 GAN), 나머지는 그대로 두고
[`fit()`이 하는 일만 바꿀 수 있습니다](https://keras.io/guides/custom_train_step_in_jax/)(keras.io에
백엔드별 가이드가 있습니다).

MNIST를 불러와 이미지마다 0과 1 사이의 값 784개로 된 벡터로 펼치고, 훈련 이미지의 20%는 검증용으로
떼어 둔 채 2 에포크 동안 훈련합니다.
"""

# %%
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train[:12000].reshape(-1, 784).astype("float32") / 255
y_train = y_train[:12000]
x_test = x_test.reshape(-1, 784).astype("float32") / 255
print("훈련:", x_train.shape, "테스트:", x_test.shape)

model.compile(
    optimizer=keras.optimizers.RMSprop(),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
history = model.fit(x_train, y_train, batch_size=64, epochs=2, validation_split=0.2, verbose=2)

# %% [markdown]
"""
이제 모델이 한 번도 보지 못한 테스트 이미지 10,000개로 모델을 평가하고, 그중 처음 다섯 개가 어떤
숫자인지 물어봅니다. 마지막 층에 활성화 함수가 없으므로 모델은 로짓을 반환합니다. 가장 큰 로짓이 모델이
예측한 숫자입니다.
"""

# %% tags=["tolerance-training"]
test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"테스트 손실: {test_loss:.4f}")
print(f"테스트 정확도: {test_accuracy:.4f}")

logits = model.predict(x_test[:5], verbose=0)
print("로짓:", logits.shape)
print("예측:", logits.argmax(axis=1))
print("정답:", y_test[:5])

# %% [markdown]
"""
## 저장과 직렬화

저장하는 방법도 `Sequential` 모델과 같습니다. `model.save()`는 모델 전체를 `.keras` 파일 하나에 쓰고,
`keras.saving.load_model()`은 이 파일에서 모델을 다시 만듭니다. 모델을 만든 코드가 없는 곳에서도
마찬가지입니다. 파일에는 다음이 들어 있습니다.

- 모델의 구조(층의 그래프)
- 훈련을 마친 시점의 가중치 값
- 컴파일했다면 훈련 설정(`compile()`에 넘긴 것)
- 옵티마이저와 그 상태. 덕분에 훈련을 멈춘 곳에서 이어 갈 수 있습니다.
"""

# %%
model.save("mnist_mlp.keras")
del model

model = keras.saving.load_model("mnist_mlp.keras")
print("이름:", model.name)
print("예측이 같은가:", np.allclose(model.predict(x_test[:5], verbose=0), logits, atol=1e-5))
print("옵티마이저:", type(model.optimizer).__name__, "- 지금까지", int(model.optimizer.iterations), "스텝")

# %% [markdown]
"""
다시 불러온 모델은 저장한 모델과 같은 예측을 내놓고, 옵티마이저도 지금까지 진행한 300 스텝(이미지
64개짜리 배치 150개씩 2 에포크)을 기억합니다. 자세한 내용은 [직렬화와 저장
가이드](https://keras.io/guides/serialization_and_saving/)를 참고하세요.
"""

# %% [markdown]
"""
## 층 그래프 하나로 여러 모델 만들기

함수형 모델은 `keras.Model`에 넘기는 입력과 출력으로 정해집니다. 그러니 같은 그래프에서 서로 다른
텐서를 골라 여러 모델에 넘겨도 됩니다.

아래에서는 한 줄로 쌓은 층들로 모델 두 개를 정의합니다. 28x28 이미지를 숫자 16개로 된 벡터로 바꾸는
`encoder`와, 이미지를 그 벡터로 압축했다가 다시 원래 크기의 이미지로 되돌리는 `autoencoder`입니다. 오토인코더는
엔드투엔드로 훈련합니다.
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
디코더 쪽 절반은 인코더 쪽 절반을 거울에 비춘 구조이므로, 출력의 모양이 입력과 같은 `(28, 28, 1)`이
됩니다. `Conv2DTranspose`는 `Conv2D`와 짝을 이루는 층이고, `UpSampling2D`는 `MaxPooling2D`의
다운샘플링을 되돌립니다(잃어버린 픽셀을 복원하는 것이 아니라 픽셀마다 값을 반복합니다).

두 모델은 층을 따로 복사해 두지 않고 같은 층 객체를 함께 씁니다. 그래서 오토인코더를
훈련하면 인코더도 함께 훈련됩니다.
"""

# %%
print("공유하는 층:", sum(layer in autoencoder.layers for layer in encoder.layers), "/", len(encoder.layers))
print("같은 가중치인가:", encoder.get_layer("code").kernel is autoencoder.get_layer("code").kernel)

# %% [markdown]
"""
## 모든 모델은 층처럼 호출할 수 있습니다

모델은 층처럼 쓸 수 있습니다. `keras.Input`이나 다른 층의 출력에 모델을 호출하면 됩니다. 모델을
호출하면 모델의 구조**와** 가중치를 함께 재사용합니다.

오토인코더를 다시 만들어 보겠습니다. 이번에는 인코더와 디코더를 별개의 모델로 만들고, 세 번째 모델이
두 모델을 차례로 호출해 이어 붙입니다.
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
요약을 보면 인코더와 디코더가 각각 층 하나로 나타납니다. 모델도 일종의 층이므로 모델 안에 모델을 넣을
수 있습니다.

모델을 중첩하는 흔한 예가 *앙상블*입니다. 여러 모델이 같은 입력을 보고, 한 모델이 그 답을 모읍니다.
아래 앙상블은 작은 모델 세 개의 예측을 평균합니다. 멤버 모델은 저마다 자기 가중치를 갖고, 앙상블은
가중치가 없는 `Average` 층 하나만 덧붙입니다.
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
print("앙상블 출력 모양:", tuple(ensemble(batch).shape))
print("멤버 출력의 평균과 같은가:", np.allclose(ops.convert_to_numpy(ensemble(batch)), separate, atol=1e-6))
print("가중치:", len(ensemble.weights), "(Dense 층마다 2개, 멤버마다 Dense 층 2개)")

# %% [markdown]
"""
## 복잡한 그래프 구조 다루기

### 입력과 출력이 여러 개인 모델

함수형 API에서는 입력과 출력이 여러 개여도 따로 애쓸 것이 없습니다. `Sequential` 모델로는 아예 만들 수
없는 모델입니다.

고객 지원 티켓을 우선순위에 따라 정렬하고 알맞은 부서로 보내는 시스템을 만든다고 해 봅시다. 이 시스템의
모델은 입력 세 개를 받습니다.

- 티켓의 제목(텍스트)
- 티켓의 본문(텍스트)
- 고객이 고른 태그(범주형: 태그마다 켜져 있거나 꺼져 있습니다)

그리고 출력 두 개를 내놓습니다.

- 0과 1 사이의 우선순위 점수(모델은 로짓을 반환하고, 시그모이드가 이 로짓을 점수로 바꿉니다)
- 티켓을 처리할 부서(부서마다 로짓 하나를 내놓고, 소프트맥스가 이 로짓들을 확률로 바꿉니다)

텍스트는 길이가 제각각인 단어 인덱스의 시퀀스로 들어오므로 `shape=(None,)`입니다. `Embedding` 층이
단어를 하나하나 벡터로 바꾸고, `LSTM` 층이 각 시퀀스를 읽어 벡터 하나로 만듭니다. 이 두 벡터와 태그 벡터를 이어 붙인
벡터 위에 출력마다 `Dense` 층을 하나씩 올립니다. 입력과 출력 층에 이름을 붙여 두면 데이터를 넣을 때 편합니다.
"""

# %%
num_tags = 12  # 고객이 고를 수 있는 태그의 종류
vocabulary_size = 2000  # 텍스트 전처리가 아는 단어 수
num_departments = 4  # 티켓을 보낼 수 있는 부서 수

title_input = keras.Input(shape=(None,), dtype="int32", name="title")  # 단어 인덱스, 길이는 자유
body_input = keras.Input(shape=(None,), dtype="int32", name="body")  # 단어 인덱스, 길이는 자유
tags_input = keras.Input(shape=(num_tags,), name="tags")  # 고른 태그는 1.0, 나머지는 0.0

# 제목과 본문의 각 단어를 32차원 벡터로 바꿉니다.
title_features = layers.Embedding(vocabulary_size, 32)(title_input)
body_features = layers.Embedding(vocabulary_size, 32)(body_input)

# 단어 벡터의 시퀀스를 벡터 하나로 줄입니다. 제목은 숫자 32개, 본문은 16개입니다.
title_features = layers.LSTM(32)(title_features)
body_features = layers.LSTM(16)(body_features)

# 모든 특성을 벡터 하나에 나란히 이어 붙입니다.
x = layers.Concatenate()([title_features, body_features, tags_input])

# 우선순위 로짓 하나, 부서마다 로짓 하나.
priority_output = layers.Dense(1, name="priority")(x)
department_output = layers.Dense(num_departments, name="department")(x)

ticket_model = keras.Model(
    inputs=[title_input, body_input, tags_input],
    outputs=[priority_output, department_output],
    name="ticket_router",
)

# %% [markdown]
"""
그림을 보면 세 갈래가 `Concatenate` 층에서 만났다가 다시 두 출력으로 갈라집니다.
"""

# %%
keras.utils.plot_model(ticket_model, "ticket_router.png", show_shapes=True, show_layer_names=True)

# %% [markdown]
"""
출력마다 손실을 따로 줄 수 있습니다. `loss_weights`는 각 손실에 곱할 값입니다. 가중치를 곱한 손실의 합이
훈련에서 최소화하는 전체 손실이므로, 출력마다 얼마나 중요하게 다룰지 정할 수 있습니다. 리스트로 주면
모델의 출력 순서를 따릅니다.
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
출력 층에 이름이 있으므로, 그 이름을 키로 쓰는 딕셔너리로도 같은 설정을 할 수 있습니다. 이 방법은 출력
순서에 좌우되지 않습니다.
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
print("출력:", ticket_model.output_names)

# %% [markdown]
"""
훈련할 때는 입력과 타깃을 NumPy 배열로 넘기는데, 리스트에 담아도 되고 여기서처럼 입력과 출력의 이름을
키로 쓰는 딕셔너리에 담아도 됩니다. 아래 데이터는 모양을 보여 주려고 지어낸 무작위 값입니다. 티켓
512개이고, 제목은 6단어, 본문은 24단어입니다.
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
로그에는 전체 손실과 출력별 손실이 나옵니다. `tf.data.Dataset`(또는 PyTorch `DataLoader`나 파이썬
제너레이터)도 원소마다 이런 구조의 쌍을 내준다면 똑같이 쓸 수 있습니다.
`([title, body, tags], [priority, department])`처럼 리스트의 쌍이어도 되고,
`({"title": ..., "body": ..., "tags": ...}, {"priority": ..., "department": ...})`처럼 딕셔너리의
쌍이어도 됩니다.
"""

# %% [markdown]
"""
### 작은 ResNet

함수형 API는 입력과 출력이 여러 개인 모델 말고도, 층이 차례로 이어지지 않는 모델을 다룰 수 있습니다.
이런 모델 역시 `Sequential`로는 나타낼 수 없습니다. 가장 잘 알려진 예가 *잔차 연결*입니다. 블록의 입력을
블록의 출력에 더해서, 신호(와 그레이디언트)가 블록을 건너뛸 수 있게 합니다.

아래 함수는 그래프에 잔차 블록 하나를 추가합니다. 합성곱을 두 번 한 다음, 그 결과와 블록의 입력을
더합니다. 두 합성곱이 공간 크기(`padding="same"`)와 채널 수를 그대로 유지하므로 두 텐서를 더할 수
있습니다. 모델은 첫 합성곱과 풀링을 거친 출력 위에 이런 블록을 두 개 쌓습니다.
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
그림에서 지름길(shortcut)은 합성곱 두 개를 돌아서 `Add` 층으로 들어가는 화살표로 나타납니다.
"""

# %%
keras.utils.plot_model(resnet, "small_resnet.png", show_shapes=True)

# %% [markdown]
"""
MNIST 이미지 1,000개를 벡터에서 채널이 하나인 28x28 이미지로 되돌려 1 에포크 동안 훈련합니다. 스텝이
이렇게 적으면 정확도는 아직 찍어서 맞히는 수준(10%)에 가깝습니다. 지름길이 있는 그래프도 여느 모델처럼
`fit()`으로 훈련할 수 있다는 것만 확인하는 실행입니다. 쓸 만한 분류기를 얻으려면 이미지 전체로 더 오래 훈련하세요.
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
## 공유 층

함수형 API가 빛나는 또 다른 경우는 *공유 층*을 쓰는 모델입니다. 공유 층은 한 모델 안에서 여러 번
호출되는 층 인스턴스 하나입니다. 호출할 때마다 같은 가중치를 쓰므로, 공유 층은 그래프에서 자신을
지나는 모든 경로에서 함께 훈련됩니다.

공유 층은 같은 종류의 입력을 인코딩할 때 자주 씁니다. 예를 들어 같은 어휘로 쓴 텍스트 두 개가 그렇습니다.
그러면 한 입력에서 어떤 단어에 대해 배운 것이 다른 입력에도 도움이 되므로, 더 적은 데이터로도 훈련할 수
있습니다.

층을 공유하려면 같은 인스턴스를 여러 번 호출하면 됩니다. 아래에서는 `Embedding` 층 하나가 텍스트 두 개를
인코딩하고, 풀링 층 하나가 단어 벡터의 시퀀스를 각각 벡터 하나로 줄입니다. 모델은 두 벡터 사이 각도의
코사인(`normalize=True`를 준 `Dot`)으로 두 텍스트를 비교합니다.
"""

# %%
shared_embedding = layers.Embedding(1000, 64, name="shared_embedding")  # 단어 1,000개, 단어마다 숫자 64개
shared_pooling = layers.GlobalAveragePooling1D(name="shared_pooling")

text_a = keras.Input(shape=(None,), dtype="int32", name="text_a")  # 단어 인덱스, 길이는 자유
text_b = keras.Input(shape=(None,), dtype="int32", name="text_b")

# 같은 층을 텍스트마다 한 번씩 호출합니다.
vector_a = shared_pooling(shared_embedding(text_a))
vector_b = shared_pooling(shared_embedding(text_b))
similarity = layers.Dot(axes=1, normalize=True, name="cosine")([vector_a, vector_b])

similarity_model = keras.Model([text_a, text_b], similarity, name="text_similarity")
print("층:", [layer.name for layer in similarity_model.layers])
print("가중치:", [tuple(w.shape) for w in similarity_model.weights])

# %% [markdown]
"""
그래프가 임베딩 층을 두 번 지나가지만, 층 목록에는 임베딩 층이 한 번만 나오고 가중치도 1,000 x 64
크기의 표 하나뿐입니다. 그림에서도 임베딩 층은 상자 하나이고, 텍스트마다 하나씩 화살표 두 개가 들어옵니다.
임베딩 층의 두 출력은 풀링 층으로 가는 화살표 하나로, 풀링 층의 두 출력은 `Dot`으로 가는 화살표 하나로
그려집니다. 그림은 호출마다가 아니라 층 한 쌍마다 화살표를 하나 긋습니다.
"""

# %%
keras.utils.plot_model(similarity_model, "text_similarity.png", show_shapes=True, show_layer_names=True)

# %% [markdown]
"""
텍스트를 자기 자신과 비교하면, 가중치가 어떻든(여기서는 훈련하지 않은 가중치입니다) 코사인 유사도는
1입니다.
"""

# %%
sentence = np.array([[5, 17, 42, 8]], dtype="int32")
other = np.array([[301, 7, 999, 64]], dtype="int32")
print("같은 텍스트:", np.round(ops.convert_to_numpy(similarity_model([sentence, sentence])), 4))
print("다른 두 텍스트의 출력 모양:", tuple(similarity_model([sentence, other]).shape))

# %% [markdown]
"""
## 그래프의 노드를 꺼내 재사용하기

함수형 모델의 층 그래프는 정적인 데이터 구조이므로 따라가며 살펴볼 수 있습니다. `plot_model`이 모델을
그릴 수 있는 것도 이 때문입니다. 또한 중간 층(그래프의 노드)의 출력에 접근해 새 모델에서 쓸 수도
있습니다. 특성 추출에 바로 이 기능이 필요합니다.

앞에서 훈련한 작은 ResNet을 예로 들어 보겠습니다. 층마다 있는 `output` 속성은 그래프를 만들 때 그 층이
만든 심볼릭 텐서입니다.
"""

# %%
feature_tensors = [layer.output for layer in resnet.layers]
print("층 개수:", len(feature_tensors), "- 첫 출력:", feature_tensors[0].shape, "- 마지막 출력:", feature_tensors[-1].shape)

# %% [markdown]
"""
같은 입력에서 이 텐서들 모두로 가는 새 모델을 만들면, 이미지마다 모든 층의 활성화 값을 한 번에
반환합니다. 이 모델은 훈련된 가중치를 그대로 씁니다. 아무것도 복사하거나 다시 훈련하지 않습니다.
"""

# %%
feature_extractor = keras.Model(inputs=resnet.input, outputs=feature_tensors)

activations = feature_extractor(images[:2])
for layer, activation in zip(resnet.layers, activations):
    print(f"{layer.name:<26} {tuple(activation.shape)}")

# %% [markdown]
"""
`keras.applications`의 모델도 함수형 모델이므로, 같은 두 줄로 이를테면 VGG19의 중간 활성화 값을 얻을
수 있습니다. 훈련된 신경망의 여러 층에서 나온 활성화 값으로 이미지를 비교하는 스타일 전이(style
transfer)도 이렇게 꺼낸 중간 활성화 값을 씁니다.
"""

# %% [markdown]
"""
## 사용자 정의 층으로 API 확장하기

`keras.layers`에는 다양한 내장 층이 있습니다. 예를 들면 다음과 같습니다.

- 합성곱 층: `Conv1D`, `Conv2D`, `Conv3D`, `Conv2DTranspose`
- 풀링 층: `MaxPooling1D`, `MaxPooling2D`, `MaxPooling3D`, `AveragePooling1D`
- 순환 층: `GRU`, `LSTM`, `ConvLSTM2D`
- `BatchNormalization`, `Dropout`, `Embedding` 등

필요한 층이 없으면 `keras.layers.Layer`를 서브클래싱해서 직접 만듭니다.

- `call()`에는 층이 하는 계산을 씁니다.
- `build()`는 입력의 모양을 알게 된 시점에 층의 가중치를 만듭니다(모양을 미리 안다면 `__init__`에서
  만들어도 되지만, `build()`에서 만드는 것이 관례입니다).

`keras.ops`로 작성하면 모든 백엔드에서 실행되는 층이 됩니다. 아래 층은 `Dense`를 단순하게 다시 만든
것입니다. 층을 처음부터 작성하는 예는 [엔지니어를 위한 케라스 소개](intro_to_keras_for_engineers.md)에
더 있습니다.
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
print("출력 모양:", custom_model.output.shape, "가중치:", [tuple(w.shape) for w in custom_model.weights])

# %% [markdown]
"""
모델을 직렬화할 때 케라스는 층마다 설정을 저장합니다. 설정은 층을 다시 만들 수 있는 딕셔너리입니다.
Keras 3은 층 생성자의 인수가 단순한 값(숫자, 문자열, 이런 값의 리스트)이면 알아서 기록하므로, 위 모델은
이미 직렬화할 수 있습니다. `get_config()` 메서드를 작성하면 설정이 명시적으로 드러나고, 생성자 인수
중 하나라도 단순한 값이 아니라면(예를 들어 다른 층이라면) 반드시 작성해야 합니다. 이 메서드는 생성자의
인수를 기반 클래스의 인수(층 이름, dtype 등)와 함께 딕셔너리로 반환합니다. 설정에서 모델을 다시 만들 때는
`custom_objects`로 `SimpleDense`라는 이름이 어떤 클래스인지 케라스에 알려 줍니다.
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
print("다시 만든 층:", type(rebuilt.get_layer("simple_dense")).__name__, rebuilt.get_layer("simple_dense").units)

# %% [markdown]
"""
설정에는 가중치가 아니라 구조가 담깁니다. 그래서 `rebuilt`의 가중치는 새로 초기화된 값입니다. 가중치까지
옮기려면 `rebuilt.set_weights(custom_model.get_weights())`를 호출하거나, 모델 전체를 `.keras` 파일로
저장하세요.

층에 `from_config(cls, config)` 클래스 메서드를 정의할 수도 있습니다. 이런 딕셔너리에서 층을 만드는
메서드입니다. 기본 구현은 결국 아래 코드와 같습니다(저장된 dtype을 dtype 정책으로 되돌리는 일도
합니다). 딕셔너리에 생성자의 인수가 정확히 들어 있다면 기본 구현으로 충분합니다.

```python
@classmethod
def from_config(cls, config):
    return cls(**config)
```
"""

# %% [markdown]
"""
## 함수형 API는 언제 쓸까요

새 모델을 만들 때 함수형 API를 써야 할까요, 아니면 `keras.Model`을 바로 서브클래싱해야 할까요?
일반적으로 함수형 API가 더 고수준이고 더 쉽고 더 안전하며, 서브클래싱한 모델에는 없는 기능도 있습니다.

하지만 서브클래싱이 더 유연합니다. 층의 방향성 비순환 그래프가 아닌 모델도 나타낼 수 있습니다. 예를 들어
입력 문장마다 구문 트리를 따라 구조가 달라지는 트리 RNN은 함수형 API로 만들 수 없으므로
`keras.Model`을 서브클래싱해야 합니다.

### 함수형 API의 장점

아래 특징은 `Sequential` 모델에도 해당하지만(이 모델도 데이터 구조입니다), 서브클래싱한 모델에는
해당하지 않습니다. 서브클래싱한 모델은 데이터 구조가 아니라 파이썬 코드이기 때문입니다.

#### 코드가 짧습니다

`super().__init__(...)`도 `def call(self, ...)`도 없습니다. 작은 다층 퍼셉트론을 함수형 모델로 쓰면
다음과 같습니다.
"""

# %%
mlp_inputs = keras.Input(shape=(32,))
x = layers.Dense(64, activation="relu")(mlp_inputs)
functional_mlp = keras.Model(mlp_inputs, layers.Dense(10)(x))

# %% [markdown]
"""
같은 신경망을 서브클래싱한 모델로 쓰면 다음과 같습니다. 이 모델은 데이터로 한 번 호출하기 전까지는
가중치가 없습니다. 그때가 되어야 입력의 모양을 알 수 있기 때문입니다.
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
print("첫 호출 전 가중치 수:", len(subclassed_mlp.weights))
subclassed_mlp(ops.zeros((1, 32)))
print("첫 호출 뒤 가중치 수:", len(subclassed_mlp.weights))
print("파라미터 수:", subclassed_mlp.count_params(), "vs", functional_mlp.count_params())

# %% [markdown]
"""
#### 그래프를 만드는 동안 검사합니다

함수형 API에서는 입력의 명세(모양과 dtype)를 처음부터 `keras.Input`으로 알고 있습니다. 층을 호출할
때마다 층은 받은 입력이 자신이 기대하는 것과 맞는지 검사하고, 맞지 않으면 알아보기 쉬운 오류를
냅니다.

그래서 함수형 API로 만드는 데 성공한 모델은 실행됩니다. 훈련 자체(수렴)에 관한 디버깅을 빼면, 모든
디버깅이 모델을 실행할 때가 아니라 만드는 동안 이루어집니다. 컴파일러의 타입 검사와 비슷합니다. 예를
들어 모양이 다른 두 텐서를 더하려고 하면, 모델에 데이터를 넣어 보기도 전에 그 덧셈을 만드는 줄에서 바로
오류가 납니다.
"""

# %%
image = keras.Input(shape=(28, 28, 1))
valid = layers.Conv2D(16, 3)(image)  # 패딩 없음: 26x26
same = layers.Conv2D(16, 3, padding="same")(image)  # 패딩 있음: 28x28
try:
    layers.Add()([valid, same])
except ValueError as error:
    print("그래프를 만드는 중 오류:", error)

# %% [markdown]
"""
#### 함수형 모델은 그림으로 그리고 들여다볼 수 있습니다

모델을 그래프로 그릴 수 있고, 앞의 특성 추출 예처럼 그래프의 중간 노드에도 쉽게 접근할 수 있습니다.

```python
feature_tensors = [layer.output for layer in resnet.layers]
feature_extractor = keras.Model(inputs=resnet.input, outputs=feature_tensors)
```

#### 함수형 모델은 직렬화하거나 복제할 수 있습니다

함수형 모델은 코드가 아니라 데이터 구조이므로 안전하게 직렬화할 수 있습니다. 파일 하나로 저장해 두면,
처음에 모델을 만든 코드 없이도 그 파일에서 똑같은 모델을 다시 만들 수 있습니다([직렬화와 저장
가이드](https://keras.io/guides/serialization_and_saving/) 참고). 같은 이유로
`keras.models.clone_model()`은 가중치를 새로 초기화한 복사본을 만들 수 있습니다.

서브클래싱한 모델은 파이썬 코드입니다. 케라스가 이런 모델을 다시 만들려면 생성자를 다시 실행하는 수밖에
없습니다. 이때 자동으로 기록해 둔 생성자 인수(단순한 값만 해당)나 모델 작성자가 구현한 `get_config()`와
`from_config()`를 쓰며, 클래스의 코드가 있는 곳에서만 가능합니다.

### 함수형 API의 약점

#### 동적인 구조를 지원하지 않습니다

함수형 API는 모델을 층의 방향성 비순환 그래프로 다룹니다. 대부분의 딥러닝 구조는 그렇지만 전부는
아닙니다. 예를 들어 재귀 신경망(recursive network)이나 트리 RNN은 이 가정을 따르지 않으므로 함수형
API로 만들 수 없습니다.
"""

# %% [markdown]
"""
## 여러 API 스타일 섞어 쓰기

함수형 API와 서브클래싱 중 하나를 고른다고 해서 한 가지 모델만 쓰게 되는 것은 아닙니다. `Sequential`
모델이든, 함수형 모델이든, 처음부터 직접 작성한 서브클래싱 모델이든 케라스의 모든 모델은 서로 함께 쓸 수
있습니다.

함수형 모델이나 `Sequential` 모델은 언제든 서브클래싱한 층이나 모델의 일부가 될 수 있습니다. 아래에서는
시퀀스를 풀링해서 점수를 매기는 함수형 모델이, 직접 작성한 작은 순환 층의 마지막 부분이 됩니다.
"""

# %%
units = 32
timesteps = 10
input_dim = 5

# 함수형 모델: 크기가 `units`인 벡터의 시퀀스를 받아 점수 하나를 내놓습니다.
sequence = keras.Input(shape=(None, units))
pooled = layers.GlobalAveragePooling1D()(sequence)
scorer = keras.Model(sequence, layers.Dense(1)(pooled))


class TinyRNN(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.input_projection = layers.Dense(units, activation="tanh")
        self.state_projection = layers.Dense(units, activation="tanh")
        self.scorer = scorer  # 위에서 정의한 함수형 모델

    def call(self, inputs):
        state = ops.zeros((ops.shape(inputs)[0], units))
        states = []
        for t in range(inputs.shape[1]):  # 타임스텝을 도는 파이썬 반복문
            state = self.input_projection(inputs[:, t, :]) + self.state_projection(state)
            states.append(state)
        return self.scorer(ops.stack(states, axis=1))


rnn_layer = TinyRNN()
print("출력 모양:", tuple(rnn_layer(ops.zeros((1, timesteps, input_dim))).shape))

# %% [markdown]
"""
반대로 서브클래싱한 층이나 모델은 `call()` 메서드가 다음 형태 중 하나를 따르기만 하면 함수형 API에서
쓸 수 있습니다.

- `call(self, inputs, **kwargs)`: `inputs`는 텐서 하나이거나 텐서의 중첩 구조(예를 들어 텐서의
  리스트)이고, `**kwargs`는 텐서가 아닌 다른 인수입니다.
- `call(self, inputs, training=None, **kwargs)`: `training`은 층이 훈련할 때처럼 동작할지 추론할 때처럼
  동작할지 알려 주는 불리언입니다.
- `call(self, inputs, mask=None, **kwargs)`: `mask`는 불리언 마스크 텐서입니다(예를 들어 순환 층이
  씁니다).
- `call(self, inputs, training=None, mask=None, **kwargs)`: `training`과 `mask`를 둘 다 받습니다.

사용자 정의 층이나 모델에 `get_config()`도 구현해 두면, 이를 쓰는 함수형 모델을 여전히 직렬화하고
복제할 수 있습니다.

이번에는 직접 작성한 순환 층을 함수형 모델 안, `Conv1D` 층 뒤에 넣습니다. 이 층의 `call()`은 파이썬
반복문으로 타임스텝을 돌기 때문에, 모델을 만들 때 타임스텝 수를 알아야 합니다. 그래서 입력에 타임스텝
수를 지정하고(`shape=(timesteps, input_dim)`), 배치 크기는 비워 둡니다.
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
x = layers.Conv1D(32, 3)(sequence_input)  # 타임스텝 10개가 8개로 줄어듭니다.
mixed_model = keras.Model(sequence_input, TinyRNNClassifier()(x))
print("심볼릭 출력 모양:", mixed_model.output.shape)
print("샘플 16개짜리 배치의 출력 모양:", tuple(mixed_model(ops.zeros((16, timesteps, input_dim))).shape))
