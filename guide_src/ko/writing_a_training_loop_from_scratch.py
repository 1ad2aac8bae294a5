# ---
# jupyter:
#   jupytext:
#     cell_markers: '"""'
#     formats: py:percent
#     notebook_metadata_filter: guide
#   guide:
#     title: 훈련 루프 처음부터 작성하기
#     description: Keras 3 모델의 저수준 훈련 루프와 평가 루프를 JAX, TensorFlow, PyTorch 버전으로 나란히 작성합니다.
#     author: François Chollet
#     translator: 케라스 3 가이드 기여자
#     date_created: '2023-06-25'
#     last_modified: '2026-12-05'
#     original: https://keras.io/guides/writing_a_custom_training_loop_in_jax/
#     backends: [jax, tensorflow, torch]
#     timeout: 600
# ---

# %% [markdown]
"""
## 소개

케라스에는 훈련 루프와 평가 루프가 이미 들어 있습니다. 바로 `fit()`과 `evaluate()`입니다. 학습
알고리즘은 직접 짜고 싶지만 `fit()`이 해 주는 일은 그대로 누리고 싶다면, 모델의 `train_step()`을
재정의하고 계속 `fit()`을 호출하면 됩니다(방법은 [엔지니어를 위한 케라스
소개](intro_to_keras_for_engineers.md)에 있습니다). 이 페이지는 한 단계 더 내려갑니다. 첫 배치부터 마지막 지표까지 루프 전체를 직접 작성하고,
케라스에서는 모델, 손실, 옵티마이저, 지표만 가져다 씁니다.

백엔드가 겉으로 드러나는 곳은 이 루프뿐입니다. 그레이디언트 계산은 케라스 아래에 있는 프레임워크가
맡는데, JAX, TensorFlow, PyTorch는 저마다 다른 방식으로 그레이디언트를 계산합니다. 그래서 이
페이지에서 공통인 부분(데이터, 모델, 지표, 손실)은 한 번만 작성하고, 그레이디언트를 계산하는 스텝은
백엔드마다 하나씩, 세 번 작성합니다.

!!! note "keras.io와 다른 점"
    keras.io에는 백엔드마다 페이지가 따로 있습니다.
    [JAX](https://keras.io/guides/writing_a_custom_training_loop_in_jax/),
    [TensorFlow](https://keras.io/guides/writing_a_custom_training_loop_in_tensorflow/),
    [PyTorch](https://keras.io/guides/writing_a_custom_training_loop_in_torch/) 페이지입니다. 이
    페이지는 셋을 한곳에 담았습니다. 설명과 공통 코드는 모든 백엔드에 똑같이 적용되고, "JAX 전용"처럼
    백엔드 이름이 붙은 블록은 그 백엔드용 스텝입니다. 모든 블록을 세 백엔드에서 실제로 실행했습니다.
    한 백엔드 전용 블록은 나머지 두 백엔드에서는 동작하지 않습니다. 그런 블록이 거기서 오류를 내며
    멈춘다는 것을 하나하나 확인했고, 어디서 왜 멈추는지는 본문에 적어 두었습니다. 코어 2개짜리 CPU에서 한 번
    실행하는 데 몇 분이면 끝나도록 MNIST 이미지 50,000개 대신 6,400개로, 배치 크기 32 대신 64로, 최대 3
    에포크 대신 1~2 에포크만 훈련하고, 검증에는 10,000개 대신 1,280개를 씁니다. 그 밖에 픽셀 값을 [0, 1]
    범위로 조정했고, 배치는 `tf.data`나 PyTorch `DataLoader` 대신 작은 NumPy 제너레이터로 만들며,
    TensorFlow 페이지 끝의 GAN 예제는 뺐습니다.
"""

# %% [markdown]
"""
## 설정

백엔드는 케라스를 가져오기 전에 `KERAS_BACKEND` 환경 변수로 고릅니다(`"jax"`, `"tensorflow"`,
`"torch"`). 이 페이지는 백엔드마다 한 번씩, 첫 셀을 실행하기 전에 이 변수를 정해 두고 실행했습니다.
"""

# %%
import time

import numpy as np
import keras

print("Keras", keras.__version__, "백엔드:", keras.backend.backend())

# %% [markdown]
"""
## 데이터, 모델, 손실, 옵티마이저

훈련 루프에는 네 가지가 필요합니다. 데이터, 모델, 손실 함수, 옵티마이저입니다. 데이터로는 MNIST를
씁니다. 28x28 이미지를 0과 1 사이의 값 784개로 이루어진 벡터로 펼치고, 훈련용으로 6,400개, 검증용으로
1,280개를 남깁니다. 둘 다 배치 크기의 배수라서 모든 배치의 모양이 같습니다.

직접 작성하는 루프에서는 배치를 차례로 내주는 것이면 무엇이든 쓸 수 있습니다. `tf.data.Dataset`,
PyTorch `DataLoader`, 파이썬 제너레이터 모두 됩니다. 중요한 것은 배치에 담긴 값입니다. 케라스 모델은
모든 백엔드에서 NumPy 배열을 받습니다(keras.io의 JAX 페이지가 `tf.data` 배치를 하나하나 NumPy로 바꾸는
것도 이 때문입니다). 여기서는 작은 제너레이터가 NumPy 배열을 64개씩 배치로 자릅니다. 실행할 때마다
같은 순서가 되도록 고정된 시드로 섞습니다.
"""

# %%
(x_all, y_all), _ = keras.datasets.mnist.load_data()
x_all = x_all.reshape(-1, 784).astype("float32") / 255
y_all = y_all.astype("int32")

x_train, y_train = x_all[:6400], y_all[:6400]
x_val, y_val = x_all[-1280:], y_all[-1280:]
batch_size = 64


def batches(x, y, seed=None):
    """(입력, 레이블) NumPy 배치를 차례로 내줍니다. 시드를 주면 섞습니다."""
    order = np.arange(len(x)) if seed is None else np.random.default_rng(seed).permutation(len(x))
    for start in range(0, len(x), batch_size):
        index = order[start : start + batch_size]
        yield x[index], y[index]


print("훈련:", x_train.shape, "검증:", x_val.shape)
print("에포크당 배치 수:", len(x_train) // batch_size)

# %% [markdown]
"""
모델은 함수형 API로 만든 작은 다층 퍼셉트론입니다. 마지막 층에는 활성화 함수가 없어서 *로짓*을
반환하므로, 손실 함수에 `from_logits=True`로 그 사실을 알려 줍니다. 옵티마이저는 케라스의 Adam입니다.
케라스의 손실 함수와 옵티마이저는 어느 백엔드에서나 그대로 동작합니다.
"""

# %%
def make_model():
    inputs = keras.Input(shape=(784,), name="digits")
    x = keras.layers.Dense(64, activation="relu")(inputs)
    x = keras.layers.Dense(64, activation="relu")(x)
    outputs = keras.layers.Dense(10, name="logits")(x)
    return keras.Model(inputs, outputs)


model = make_model()
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = keras.optimizers.Adam(learning_rate=1e-3)
print("훈련되는 변수:", len(model.trainable_variables))
print("파라미터 수:", model.count_params())

# %% [markdown]
"""
## 첫 번째 엔드투엔드 훈련 루프

백엔드가 무엇이든 훈련 스텝 하나가 하는 일은 같은 세 가지입니다.

1. 배치 하나로 모델을 실행하고(정방향 계산) 손실을 계산합니다.
2. 훈련되는 변수 각각에 대한 손실의 그레이디언트를 계산합니다.
3. 옵티마이저가 이 그레이디언트로 변수를 업데이트합니다.

루프는 한 에포크의 배치마다 이 스텝을 되풀이하고, 가끔 진행 상황을 출력합니다. 2번이 백엔드의 몫이고,
아래 세 버전이 달라지는 곳도 여기입니다. 쓰는 백엔드의 버전을 읽으면 됩니다. 블록마다 한 에포크(100
스텝)를 실행하고, 25 스텝마다 현재 배치의 손실을 출력합니다.

### JAX: 상태가 없는 함수의 그레이디언트

JAX는 함수를 변환해서 그레이디언트를 계산합니다. `jax.grad(f)`는 `f`의 첫 번째 인자에 대한
그레이디언트를 계산하는 새 함수를 반환하고, `jax.value_and_grad(f)`는 `f`의 값과 그 그레이디언트를 함께
계산하는 함수를 반환합니다. 그러니 먼저 손실을 반환하는 함수를 작성해야 합니다.

```python
def compute_loss(x, y):
    ...
    return loss

grad_fn = jax.value_and_grad(compute_loss)
loss, grads = grad_fn(x, y)
```

JAX는 이 함수가 *상태가 없는* 함수이기를 요구합니다. 읽는 것은 모두 인자로 들어오고, 바꾸는 것은 모두
반환값으로 나가야 한다는 뜻입니다. 그런데 케라스 모델은 가중치를 변수에 담아 둡니다. 이 둘을 이어 주는
것이 `model.stateless_call()`입니다. 전달한 변수 값으로 모델을 실행하되 모델 자신의 변수는 건드리지
않고, 출력과 함께 훈련되지 않는 변수의 새 값을 반환합니다(`BatchNormalization`이나 `Dropout`이 있는
모델은 정방향 계산 중에 이 값을 바꿉니다).

그래서 손실 함수는 훈련되는 변수의 값을 첫 번째 인자로 받고(그레이디언트를 구할 대상이 이것입니다),
손실과 함께 훈련되지 않는 변수의 값을 반환합니다. `has_aux=True`는 이 함수가 손실 말고도 다른 값을
반환하며 그중 손실이 첫 번째라는 것을 `jax.value_and_grad`에 알려 줍니다. 옵티마이저에도 상태가 없는
메서드가 있습니다. `optimizer.stateless_apply()`는 옵티마이저 변수, 그레이디언트, 훈련되는 변수를 받아,
변수에 직접 할당하는 대신 훈련되는 변수와 옵티마이저 변수의 새 값을 반환합니다.

그러면 훈련 전체의 상태는 값 리스트 세 개로 이루어진 튜플이 됩니다. 훈련되는 변수, 훈련되지 않는
변수, 옵티마이저 변수(Adam이라면 스텝 카운터, 학습률, 가중치마다 이동 평균 두 개)입니다. 이 변수들은
모두 루프를 시작하기 전에 있어야 합니다. 함수형 모델은 만들자마자 빌드됩니다(서브클래싱한 모델은 배치
하나로 호출하는 식으로 먼저 빌드해야 합니다). 옵티마이저 변수는 `optimizer.build()`로 만듭니다.

이 루프는 모델의 변수를 전혀 건드리지 않는다는 점에 주의하세요. 훈련된 값은 `state`에만
있습니다. 그래서 루프 밖에서 모델을 쓰기 전에(예측하거나 평가하거나 저장하기 전에) 블록 끝에서
`variable.assign()`으로 값을 모델에 다시 써 넣습니다.

TensorFlow와 PyTorch에서는 이 블록이 `grad_fn`을 처음 호출하는 곳에서 멈춥니다. 넘겨받은 상태에
TensorFlow나 PyTorch 변수가 들어 있는데, JAX는 자신이 변환하는 함수의 입력으로 JAX 배열(과 NumPy
배열)만 받기 때문입니다.
"""

# %% tags=["only-jax", "tolerance-training"]
import jax


def compute_loss_and_updates(trainable_variables, non_trainable_variables, x, y):
    """배치 하나의 손실을 부수 효과 없이 계산합니다."""
    logits, non_trainable_variables = model.stateless_call(
        trainable_variables, non_trainable_variables, x, training=True
    )
    return loss_fn(y, logits), non_trainable_variables


grad_fn = jax.value_and_grad(compute_loss_and_updates, has_aux=True)


def train_step(state, x, y):
    trainable_variables, non_trainable_variables, optimizer_variables = state
    (loss, non_trainable_variables), grads = grad_fn(
        trainable_variables, non_trainable_variables, x, y
    )
    trainable_variables, optimizer_variables = optimizer.stateless_apply(
        optimizer_variables, grads, trainable_variables
    )
    return loss, (trainable_variables, non_trainable_variables, optimizer_variables)


def values(variables):
    return [variable.value for variable in variables]


optimizer.build(model.trainable_variables)
state = (
    values(model.trainable_variables),
    values(model.non_trainable_variables),
    values(optimizer.variables),
)

start = time.time()
for step, (x, y) in enumerate(batches(x_train, y_train, seed=0)):
    loss, state = train_step(state, x, y)
    if step % 25 == 0:
        print(f"스텝 {step}: 손실 {float(loss):.4f}")
print(f"한 에포크, 즉시 실행: {time.time() - start:.1f}s")

# 훈련된 값은 `state`에만 있습니다. 모델과 옵티마이저에 다시 써 넣습니다.
trainable_values, non_trainable_values, optimizer_values = state
for variable, value in zip(model.trainable_variables, trainable_values):
    variable.assign(value)
for variable, value in zip(model.non_trainable_variables, non_trainable_values):
    variable.assign(value)
for variable, value in zip(optimizer.variables, optimizer_values):
    variable.assign(value)
print("옵티마이저 반복 횟수:", int(optimizer.iterations.value))

# %% [markdown]
"""
### TensorFlow: `GradientTape`로 정방향 계산 기록하기

TensorFlow는 실행된 연산의 기록으로 그레이디언트를 계산합니다. `with tf.GradientTape() as tape:` 블록
안에서는 테이프가 모델 변수가 관여하는 연산을 모두 기록합니다. 그다음
`tape.gradient(loss, model.trainable_weights)`가 이 기록을 거꾸로 따라가며 변수마다 그레이디언트를 하나씩,
같은 순서로 반환합니다. `optimizer.apply(grads, variables)`는 변수를 그 자리에서 업데이트합니다. JAX와
달리 모델의 변수가 직접 바뀌므로 나중에 다시 써 넣을 것이 없습니다.

JAX와 PyTorch에서는 이 블록이 `tape.gradient()`에서 멈춥니다. 두 백엔드에서는 모델이 자기 백엔드의
연산으로 계산하므로 손실이 TensorFlow 텐서가 아니라 JAX 배열이나 PyTorch 텐서인데,
`tape.gradient()`는 미분할 값으로 TensorFlow 텐서만 받기 때문입니다(테이프에도 그 연산은 하나도
기록되지 않았습니다).
"""

# %% tags=["only-tensorflow", "tolerance-training"]
import tensorflow as tf

start = time.time()
for step, (x, y) in enumerate(batches(x_train, y_train, seed=0)):
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss = loss_fn(y, logits)
    grads = tape.gradient(loss, model.trainable_weights)
    optimizer.apply(grads, model.trainable_weights)
    if step % 25 == 0:
        print(f"스텝 {step}: 손실 {float(loss):.4f}")
print(f"한 에포크, 즉시 실행: {time.time() - start:.1f}s")

# %% [markdown]
"""
### PyTorch: `loss.backward()`

PyTorch에서는 변수로부터 계산한 텐서가 모두 자신이 어떻게 계산되었는지 기억합니다.
`loss.backward()`를 호출하면 그 기록을 따라 역전파를 실행하고, 각 변수의 그레이디언트를 변수 자신의
`.grad` 속성에 저장합니다. PyTorch 백엔드에서 케라스 변수는 `torch.nn.Parameter`를 감싸고 있고
`variable.value`로 꺼낼 수 있으므로, 그레이디언트는 `[v.value.grad for v in model.trainable_weights]`로 모읍니다.
기억할 것이 두 가지 있습니다.

- 그레이디언트는 누적됩니다. `loss.backward()` 전에 `model.zero_grad()`를 호출하세요. 그러지 않으면
  스텝마다 이전 스텝들의 그레이디언트에 새 그레이디언트가 더해집니다.
- `optimizer.apply()`는 `torch.no_grad()` 안에서 호출해, 업데이트 자체가 역전파용으로 기록되지 않게
  합니다. 케라스의 `fit()` 스텝도 이렇게 합니다.

JAX와 TensorFlow에서는 이 블록이 `model.zero_grad()`에서 멈춥니다. 그 백엔드에서는 케라스 모델이
`torch.nn.Module`이 아니어서 이 메서드가 없습니다(손실도 JAX 배열이나 TensorFlow 텐서이므로
`backward()`가 없습니다).
"""

# %% tags=["only-torch", "tolerance-training"]
import torch

start = time.time()
for step, (x, y) in enumerate(batches(x_train, y_train, seed=0)):
    logits = model(x, training=True)
    loss = loss_fn(y, logits)
    model.zero_grad()
    loss.backward()
    grads = [variable.value.grad for variable in model.trainable_weights]
    with torch.no_grad():
        optimizer.apply(grads, model.trainable_weights)
    if step % 25 == 0:
        print(f"스텝 {step}: 손실 {loss.item():.4f}")
print(f"한 에포크, 즉시 실행: {time.time() - start:.1f}s")

# %% [markdown]
"""
어느 루프로 훈련했든 `model`은 이제 평범한, 훈련된 케라스 모델입니다(JAX에서는 값을 다시 써 넣은
뒤부터). 케라스의 나머지 기능도 모두 그대로 쓸 수 있습니다. 예를 들어 `predict()`로 검증 정확도를 구해 봅니다.
"""

# %% tags=["tolerance-training"]
val_logits = model.predict(x_val, batch_size=256, verbose=0)
val_accuracy = np.mean(np.argmax(val_logits, axis=-1) == y_val)
print(f"한 에포크 뒤 검증 정확도: {val_accuracy:.4f}")

# %% [markdown]
"""
### PyTorch: PyTorch의 옵티마이저와 손실 함수

PyTorch 백엔드에서는 케라스 모델이 `torch.nn.Module`이기도 하므로 PyTorch 자체의 옵티마이저와 손실
함수도 함께 쓸 수 있습니다. `model.parameters()`로 파라미터를 `torch.optim` 옵티마이저에 넘기고,
`loss.backward()`가 저장한 그레이디언트는 `optimizer.step()`이 적용합니다. 주의할 점이 두 가지 있습니다. 케라스
손실 함수는 정답을 먼저 받지만(`loss_fn(y_true, y_pred)`), PyTorch 손실 함수는 예측을 먼저 받습니다
(`loss_fn(y_pred, y_true)`). 또 PyTorch의 `CrossEntropyLoss`는 로짓과 함께 `int64` 정수 클래스
레이블을 받아야 합니다(`int32`는 거부합니다).

JAX와 TensorFlow에서는 이 블록이 `model.parameters()`에서 멈춥니다. 이 메서드는 `torch.nn.Module`에만
있습니다.
"""

# %% tags=["only-torch", "tolerance-training"]
torch_model = make_model()
torch_optimizer = torch.optim.Adam(torch_model.parameters(), lr=1e-3)
torch_loss_fn = torch.nn.CrossEntropyLoss()

for step, (x, y) in enumerate(batches(x_train, y_train, seed=0)):
    logits = torch_model(x, training=True)
    loss = torch_loss_fn(logits, torch.as_tensor(y, dtype=torch.int64))  # 예측이 먼저
    torch_optimizer.zero_grad()
    loss.backward()
    torch_optimizer.step()
    if step % 25 == 0:
        print(f"스텝 {step}: 손실 {loss.item():.4f}")

# %% [markdown]
"""
## `jax.jit`과 `tf.function`으로 스텝 속도 높이기

지금까지의 루프는 *즉시 실행* 방식으로 동작합니다. 파이썬이 연산에 닿을 때마다 그 연산을 하나씩
프레임워크에 보냅니다. 어디서든 무엇이든 출력해 볼 수 있으니 디버깅에는 편하지만, 프레임워크가 스텝
전체를 한 번도 보지 못하므로 느립니다. 스텝을 그래프로 컴파일하면 프레임워크가 연산을 합치고 최적화해,
중간에 파이썬으로 돌아오지 않고 실행할 수 있습니다.

- **JAX**: `jax.jit(train_step)`은 상태가 없는 함수를 XLA로 컴파일합니다. 첫 호출에서 함수를
  *트레이싱*하고(같은 모양과 dtype의 추상적인 값으로 한 번 실행해 보고) 그 결과를 컴파일합니다. 이후
  같은 모양으로 호출하면 컴파일된 프로그램이 실행됩니다. 앞에서 작성한 `train_step`은 이미 상태가 없으므로 그대로
  컴파일할 수 있습니다. 모양이 다른 배치가 들어오면 다시 컴파일하므로, 이 페이지에서 모든 배치를 이미지
  64개로 맞춘 이유가 하나 더 생깁니다.
- **TensorFlow**: 스텝에 `@tf.function` 데코레이터를 붙이면 첫 호출에서 TensorFlow 그래프로
  트레이싱합니다. `@tf.function(jit_compile=True)`로 쓰면 `jax.jit`처럼 이 그래프를 XLA로 컴파일하기까지
  합니다.
- **PyTorch**: 케라스는 기본적으로 PyTorch를 즉시 실행 방식으로 돌립니다(이 백엔드에서
  `compile(jit_compile="auto")`는 즉시 실행을 뜻하고, `jit_compile=True`로 해야 `torch.compile`을
  씁니다). 이 페이지는 PyTorch 루프를 즉시 실행 방식 그대로 두므로 이 절에는 PyTorch 블록이 없습니다.

아래의 컴파일된 루프는 새 모델을 한 에포크 훈련하고 걸린 시간을 출력합니다. 앞의 즉시 실행 에포크와 비교해 보세요.
TensorFlow와 PyTorch에서는 앞에서처럼 JAX 블록이 컴파일된 스텝을 처음 호출하는 곳에서 멈춥니다. 상태에
다른 백엔드의 변수가 들어 있기 때문입니다. JAX와 PyTorch에서는 TensorFlow 블록이 `tf.function`이 스텝을
트레이싱하는 도중에 멈춥니다. 모델이 심볼릭 TensorFlow 텐서로 계산해야 하는데, 그 백엔드의 연산은 이런
텐서를 받지 못하기 때문입니다.
"""

# %% tags=["only-jax", "tolerance-training"]
model = make_model()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)
optimizer.build(model.trainable_variables)
state = (
    values(model.trainable_variables),
    values(model.non_trainable_variables),
    values(optimizer.variables),
)

jit_train_step = jax.jit(train_step)

start = time.time()
for step, (x, y) in enumerate(batches(x_train, y_train, seed=0)):
    loss, state = jit_train_step(state, x, y)
    if step % 25 == 0:
        print(f"스텝 {step}: 손실 {float(loss):.4f}")
print(f"한 에포크, 컴파일: {time.time() - start:.1f}s")

# %% tags=["only-tensorflow", "tolerance-training"]
model = make_model()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss = loss_fn(y, logits)
    grads = tape.gradient(loss, model.trainable_weights)
    optimizer.apply(grads, model.trainable_weights)
    return loss


start = time.time()
for step, (x, y) in enumerate(batches(x_train, y_train, seed=0)):
    loss = train_step(x, y)
    if step % 25 == 0:
        print(f"스텝 {step}: 손실 {float(loss):.4f}")
print(f"한 에포크, 컴파일: {time.time() - start:.1f}s")

# %% [markdown]
"""
컴파일된 스텝은 첫 호출이 느립니다. 이때 트레이싱과 컴파일을 하기 때문입니다. 그다음 스텝부터는
즉시 실행보다 몇 배 빠르게 실행됩니다(위에 출력된 시간을 비교해 보세요). 이만큼 작은 모델에서는
즉시 실행 스텝이 시간 대부분을 계산이 아니라 연산을 하나씩 프레임워크에 넘기는 데 쓰는데, 컴파일하면
바로 이 부담이 사라집니다. 이 페이지의 나머지 부분도 JAX와 TensorFlow 스텝을 같은 방식으로 컴파일합니다.

## 저수준에서 지표 다루기

케라스의 지표는 내장 지표든 사용자 정의 지표든 직접 작성한 루프에서 그대로 쓸 수 있습니다. TensorFlow와
PyTorch에서는 상태를 가진 객체로 씁니다.

- 루프 전에 지표를 만듭니다. 예를 들면 `keras.metrics.SparseCategoricalAccuracy()`입니다.
- 배치마다 `metric.update_state(y_true, y_pred)`를 호출합니다.
- 현재 값이 필요할 때 `metric.result()`를 호출합니다.
- 처음부터 다시 세려면 `metric.reset_state()`를 호출합니다. 보통 에포크가 끝날 때입니다.

JAX 스텝은 상태가 없어야 하므로 이 메서드들의 상태가 없는 버전을 씁니다. 지표의 변수 값을 인자로 받는
`metric.stateless_update_state(metric_variables, y_true, y_pred)`(새 변수 값을 반환합니다)와
`metric.stateless_result(metric_variables)`입니다. 지표의 변수 값은 훈련 상태의 한 부분일 뿐이므로,
"초기화"는 지표의 초깃값에서 다시 시작한다는 뜻입니다.

검증도 같은 방식입니다. 지표 객체를 하나 더 두고, `training=False`로 모델을 실행하며 그레이디언트는
계산하지 않는 평가 스텝을 씁니다. 아래 루프는 새 모델을 두 에포크 동안 훈련하고, 에포크가 끝날 때마다
마지막 배치의 손실, 에포크 전체의 훈련 정확도, 검증 이미지에 대한 정확도를 출력합니다. 다른 백엔드에서
JAX 블록과 TensorFlow 블록은 앞에서와 같은 이유로 멈추고, PyTorch 블록은 `model.zero_grad()`에서
멈춥니다.
"""

# %% tags=["only-jax", "tolerance-training"]
model = make_model()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)
train_acc = keras.metrics.SparseCategoricalAccuracy()
val_acc = keras.metrics.SparseCategoricalAccuracy()


def compute_loss_and_updates(trainable_variables, non_trainable_variables, metric_variables, x, y):
    logits, non_trainable_variables = model.stateless_call(
        trainable_variables, non_trainable_variables, x, training=True
    )
    loss = loss_fn(y, logits)
    metric_variables = train_acc.stateless_update_state(metric_variables, y, logits)
    return loss, (non_trainable_variables, metric_variables)


grad_fn = jax.value_and_grad(compute_loss_and_updates, has_aux=True)


@jax.jit
def train_step(state, x, y):
    trainable_variables, non_trainable_variables, optimizer_variables, metric_variables = state
    (loss, (non_trainable_variables, metric_variables)), grads = grad_fn(
        trainable_variables, non_trainable_variables, metric_variables, x, y
    )
    trainable_variables, optimizer_variables = optimizer.stateless_apply(
        optimizer_variables, grads, trainable_variables
    )
    return loss, (trainable_variables, non_trainable_variables, optimizer_variables, metric_variables)


@jax.jit
def eval_step(trainable_variables, non_trainable_variables, metric_variables, x, y):
    logits, _ = model.stateless_call(trainable_variables, non_trainable_variables, x, training=False)
    return val_acc.stateless_update_state(metric_variables, y, logits)


optimizer.build(model.trainable_variables)
trainable_values = values(model.trainable_variables)
non_trainable_values = values(model.non_trainable_variables)
optimizer_values = values(optimizer.variables)

for epoch in range(2):
    # 지표 객체 자신의 변수는 한 번도 업데이트되지 않으므로 여전히 초깃값을 담고 있습니다.
    state = (trainable_values, non_trainable_values, optimizer_values, values(train_acc.variables))
    for x, y in batches(x_train, y_train, seed=epoch):
        loss, state = train_step(state, x, y)
    trainable_values, non_trainable_values, optimizer_values, train_acc_values = state

    val_acc_values = values(val_acc.variables)
    for x, y in batches(x_val, y_val):
        val_acc_values = eval_step(trainable_values, non_trainable_values, val_acc_values, x, y)

    print(
        f"에포크 {epoch}: 손실 {float(loss):.4f}, "
        f"훈련 정확도 {float(train_acc.stateless_result(train_acc_values)):.4f}, "
        f"검증 정확도 {float(val_acc.stateless_result(val_acc_values)):.4f}"
    )

# %% tags=["only-tensorflow", "tolerance-training"]
model = make_model()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)
train_acc = keras.metrics.SparseCategoricalAccuracy()
val_acc = keras.metrics.SparseCategoricalAccuracy()


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss = loss_fn(y, logits)
    grads = tape.gradient(loss, model.trainable_weights)
    optimizer.apply(grads, model.trainable_weights)
    train_acc.update_state(y, logits)
    return loss


@tf.function
def eval_step(x, y):
    logits = model(x, training=False)
    val_acc.update_state(y, logits)


for epoch in range(2):
    for x, y in batches(x_train, y_train, seed=epoch):
        loss = train_step(x, y)
    for x, y in batches(x_val, y_val):
        eval_step(x, y)

    print(
        f"에포크 {epoch}: 손실 {float(loss):.4f}, "
        f"훈련 정확도 {float(train_acc.result()):.4f}, "
        f"검증 정확도 {float(val_acc.result()):.4f}"
    )
    train_acc.reset_state()
    val_acc.reset_state()

# %% tags=["only-torch", "tolerance-training"]
model = make_model()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)
train_acc = keras.metrics.SparseCategoricalAccuracy()
val_acc = keras.metrics.SparseCategoricalAccuracy()


def train_step(x, y):
    logits = model(x, training=True)
    loss = loss_fn(y, logits)
    model.zero_grad()
    loss.backward()
    grads = [variable.value.grad for variable in model.trainable_weights]
    with torch.no_grad():
        optimizer.apply(grads, model.trainable_weights)
    train_acc.update_state(y, logits)
    return loss


def eval_step(x, y):
    with torch.no_grad():
        logits = model(x, training=False)
    val_acc.update_state(y, logits)


for epoch in range(2):
    for x, y in batches(x_train, y_train, seed=epoch):
        loss = train_step(x, y)
    for x, y in batches(x_val, y_val):
        eval_step(x, y)

    print(
        f"에포크 {epoch}: 손실 {loss.item():.4f}, "
        f"훈련 정확도 {float(train_acc.result()):.4f}, "
        f"검증 정확도 {float(val_acc.result()):.4f}"
    )
    train_acc.reset_state()
    val_acc.reset_state()

# %% [markdown]
"""
## 모델이 추적하는 손실을 저수준에서 다루기

층은 정방향 계산 중에 `self.add_loss(value)`를 호출해 자신만의 손실을 더할 수 있습니다. 활성화 값에
대한 규제 벌점이 그 예입니다. 모델과 층은 자신에게 포함된 모든 층에서 이런 손실을 모아 추적하고,
호출이 끝나면 `model.losses`에 목록으로 담아 둡니다(호출할 때마다 목록을 새로 만들므로 마지막 호출의
손실만 담깁니다). `fit()`은 이 손실을 주 손실에 알아서 더하지만, 직접 작성한 루프에서는 직접 더해야
합니다.

다음은 큰 활성화 값에 벌점을 주는 층입니다. 모든 백엔드에서 동작하도록 `keras.ops`로 작성했습니다
(케라스에는 L1, L2 벌점을 주는 내장 층 `keras.layers.ActivityRegularization`도 있습니다). 그리고 이
층을 쓰는 모델을 만듭니다.
"""

# %%
class ActivityPenalty(keras.layers.Layer):
    """입력을 그대로 내보내고, rate * mean(inputs**2)를 모델의 손실에 더합니다."""

    def __init__(self, rate=1e-2, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate

    def call(self, inputs):
        self.add_loss(self.rate * keras.ops.mean(keras.ops.square(inputs)))
        return inputs


def make_regularized_model():
    inputs = keras.Input(shape=(784,), name="digits")
    x = keras.layers.Dense(64, activation="relu")(inputs)
    x = ActivityPenalty()(x)
    x = keras.layers.Dense(64, activation="relu")(x)
    outputs = keras.layers.Dense(10, name="logits")(x)
    return keras.Model(inputs, outputs)


regularized = make_regularized_model()
regularized(x_train[:batch_size])
print("한 번 호출한 뒤 손실 개수:", len(regularized.losses))
regularized(x_train[:batch_size])
print("두 번째 호출 뒤 손실 개수:", len(regularized.losses))

# %% [markdown]
"""
훈련 스텝에서는 이 손실들의 합을 미분할 손실에 더합니다.

- **JAX**: `stateless_call(..., return_losses=True)`가 손실을 세 번째 값으로 반환합니다. 상태가 없는
  호출은 손실을 모델에 남겨 둘 수 없기 때문입니다.
- **TensorFlow**: `GradientTape` 블록 *안에서* `sum(model.losses)`를 더해야 테이프가 이 계산을 기록합니다.
- **PyTorch**: `loss.backward()` 전에 `sum(model.losses)`를 더합니다.

아래 루프는 규제가 들어간 모델을 한 에포크 훈련하고, 25 스텝마다 전체 손실과 그중 벌점에서 온 부분을
출력합니다. 다른 백엔드에서는 각 블록이 앞 절의 같은 백엔드 블록과 같은 곳에서 멈춥니다.
"""

# %% tags=["only-jax", "tolerance-training"]
model = make_regularized_model()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)


def compute_loss_and_updates(trainable_variables, non_trainable_variables, x, y):
    logits, non_trainable_variables, losses = model.stateless_call(
        trainable_variables, non_trainable_variables, x, training=True, return_losses=True
    )
    penalty = sum(losses)
    return loss_fn(y, logits) + penalty, (non_trainable_variables, penalty)


grad_fn = jax.value_and_grad(compute_loss_and_updates, has_aux=True)


@jax.jit
def train_step(state, x, y):
    trainable_variables, non_trainable_variables, optimizer_variables = state
    (loss, (non_trainable_variables, penalty)), grads = grad_fn(
        trainable_variables, non_trainable_variables, x, y
    )
    trainable_variables, optimizer_variables = optimizer.stateless_apply(
        optimizer_variables, grads, trainable_variables
    )
    return loss, penalty, (trainable_variables, non_trainable_variables, optimizer_variables)


optimizer.build(model.trainable_variables)
state = (
    values(model.trainable_variables),
    values(model.non_trainable_variables),
    values(optimizer.variables),
)
for step, (x, y) in enumerate(batches(x_train, y_train, seed=0)):
    loss, penalty, state = train_step(state, x, y)
    if step % 25 == 0:
        print(f"스텝 {step}: 손실 {float(loss):.4f} (벌점 {float(penalty):.4f})")

# %% tags=["only-tensorflow", "tolerance-training"]
model = make_regularized_model()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        penalty = sum(model.losses)
        loss = loss_fn(y, logits) + penalty
    grads = tape.gradient(loss, model.trainable_weights)
    optimizer.apply(grads, model.trainable_weights)
    return loss, penalty


for step, (x, y) in enumerate(batches(x_train, y_train, seed=0)):
    loss, penalty = train_step(x, y)
    if step % 25 == 0:
        print(f"스텝 {step}: 손실 {float(loss):.4f} (벌점 {float(penalty):.4f})")

# %% tags=["only-torch", "tolerance-training"]
model = make_regularized_model()
optimizer = keras.optimizers.Adam(learning_rate=1e-3)

for step, (x, y) in enumerate(batches(x_train, y_train, seed=0)):
    logits = model(x, training=True)
    penalty = sum(model.losses)
    loss = loss_fn(y, logits) + penalty
    model.zero_grad()
    loss.backward()
    grads = [variable.value.grad for variable in model.trainable_weights]
    with torch.no_grad():
        optimizer.apply(grads, model.trainable_weights)
    if step % 25 == 0:
        print(f"스텝 {step}: 손실 {loss.item():.4f} (벌점 {penalty.item():.4f})")

# %% [markdown]
"""
## 요약

- 직접 작성한 루프는 스텝 하나를 되풀이합니다. 정방향 계산과 손실, 그레이디언트, 옵티마이저
  업데이트입니다. 모델, 손실, 옵티마이저, 지표는 케라스가 주고, 그레이디언트는 백엔드가 계산합니다.
- **JAX**: `model.stateless_call()`로 손실을 변수 값에 대한 상태가 없는 함수로 작성하고,
  `jax.value_and_grad()`로 미분하고, `optimizer.stateless_apply()`로 업데이트합니다. 모든 것을 상태
  튜플에 담아 넘기고, 스텝은 `jax.jit`으로 컴파일하며, 루프가 끝나면 `assign()`으로 값을 모델에 다시 써
  넣습니다.
- **TensorFlow**: `tf.GradientTape()` 안에서 정방향 계산을 실행하고, `tape.gradient()`로 그레이디언트를
  구하고, `optimizer.apply()`로 업데이트합니다. 스텝은 `@tf.function`으로 컴파일합니다.
- **PyTorch**: `model.zero_grad()`, `loss.backward()`를 호출한 다음, `torch.no_grad()` 안에서
  `optimizer.apply()`에 `v.value.grad`를 넘깁니다. PyTorch 자체의 옵티마이저와 손실 함수를 써도 됩니다.
- 지표: `update_state()`, `result()`, `reset_state()`(JAX에서는 상태가 없는 버전). 층이 더한 손실:
  `model.losses`(JAX에서는 `return_losses=True`).

## 더 읽을거리

- 이 페이지가 따르는 keras.io 페이지(영어):
  [JAX](https://keras.io/guides/writing_a_custom_training_loop_in_jax/),
  [TensorFlow](https://keras.io/guides/writing_a_custom_training_loop_in_tensorflow/)(직접 작성한
  훈련 루프로 GAN을 훈련하는 예제로 끝납니다),
  [PyTorch](https://keras.io/guides/writing_a_custom_training_loop_in_torch/).
- `fit()`은 그대로 두고 스텝만 바꾸고 싶다면: 이 사이트의
  [엔지니어를 위한 케라스 소개](intro_to_keras_for_engineers.md) 중 "훈련 스텝 하나 바꾸기" 절.
- 이 사이트의 [연구자를 위한 케라스 소개](intro_to_keras_for_researchers.md)에는
  TensorFlow 훈련 루프가 더 있습니다. 변이형 오토인코더와 하이퍼네트워크입니다.
"""
