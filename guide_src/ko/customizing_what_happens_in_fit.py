# ---
# jupyter:
#   jupytext:
#     cell_markers: '"""'
#     formats: py:percent
#     notebook_metadata_filter: guide
#   guide:
#     title: fit()의 동작 사용자 정의하기
#     description: JAX, TensorFlow, PyTorch에서 모델의 train_step()과 test_step()을 직접 구현하고, fit()과 evaluate()가 해 주는 나머지 일은 그대로 누립니다.
#     author: François Chollet
#     translator: 케라스 3 가이드 기여자
#     date_created: '2023-06-27'
#     last_modified: '2026-12-05'
#     original: https://keras.io/guides/custom_train_step_in_jax/
#     backends: [jax, tensorflow, torch]
#     timeout: 600
# ---

# %% [markdown]
"""
## 소개

일반적인 지도 학습이라면 `fit()` 하나로 충분합니다. 데이터를 배치로 나누고, 모델을 실행하고, 손실을
계산하고, 가중치를 업데이트하고, 지표를 갱신하고, 콜백을 호출하는 일을 모두 `fit()`이 맡습니다. 반대로
세부 사항을 하나하나 직접 정하고 싶다면 훈련 루프를 처음부터 작성할 수도 있지만, 그러면 이 모든 편의를
포기해야 합니다.

대부분은 그 중간이 필요합니다. 훈련 알고리즘은 직접 만들되, `fit()`이 그 주변에서 제공하는 기능(콜백,
진행 로그, 분산 훈련 지원, `steps_per_execution`으로 한 번의 호출에서 여러 스텝 실행하기)은 그대로 쓰고
싶은 경우입니다. 케라스는 이런 *점진적인 복잡성 공개*를 원칙으로 설계되었습니다. 고수준 도구를
버리지 않고도 한 단계 아래로 내려갈 수 있습니다.

그 방법은 모델의 **훈련 스텝**을 바꾸는 것입니다. `fit()`은 데이터 배치마다 모델의 `train_step()`
메서드를 한 번씩 호출합니다. `keras.Model`의 서브클래스에서 이 메서드를 오버라이드하고 평소처럼
`fit()`을 호출하면, `fit()`이 직접 만든 알고리즘을 실행합니다. `evaluate()`도 `test_step()`으로 같은
방식으로 동작합니다. 모델은 여전히 어떤 방식으로든 만들 수 있습니다. 아래 예제는 `keras.Model`을
서브클래싱한 다음 함수형 API로 모델을 만들지만, `Sequential` 모델이나 완전히 서브클래싱한 모델에도
똑같이 적용됩니다.

백엔드에 따라 달라지는 것은 스텝이 그레이디언트를 계산하는 방법(JAX에서는 모델의 상태를 다루는
방법까지)입니다. 그래서 아래의 스텝은 JAX용, TensorFlow용, PyTorch용 세 가지로 작성했습니다.

!!! note "keras.io와 다른 점"
    keras.io는 이 주제를 백엔드마다 한 페이지씩, 세 페이지로 다룹니다:
    [JAX](https://keras.io/guides/custom_train_step_in_jax/),
    [TensorFlow](https://keras.io/guides/custom_train_step_in_tensorflow/),
    [PyTorch](https://keras.io/guides/custom_train_step_in_torch/). 이 사이트에서는 한 페이지로
    합쳤습니다. 설명은 세 백엔드에 공통으로 두고, 각 스텝은 백엔드 이름이 붙은 블록으로 세 번
    작성했습니다. keras.io의 JAX 페이지는 평가 스텝에서 끝납니다. 샘플 가중치와 GAN 절의 JAX 버전은 이
    페이지를 위해 새로 작성했고, JAX용 GAN은 두 신경망을 동시에 업데이트합니다(이유는 해당 절에서
    설명합니다). 작은 예제들은 생성한 샘플 1,000개에서 선형 관계를 2~3 에포크 동안 학습합니다. keras.io는 입력과 타깃이
    모두 무작위 값인 데이터로 3~5 에포크를 훈련합니다. 평가 예제는 keras.io와 달리 평가하기 전에 모델을
    훈련합니다. GAN은 신경망이 더 작고, MNIST 이미지 640개로 1 에포크만 훈련합니다. keras.io는
    TensorFlow 페이지에서 64개씩 100배치(이미지 6,400개), PyTorch 페이지에서 70,000개 전체를 씁니다.
    이렇게 규모를 줄인 덕분에 코어 2개짜리 CPU에서도 페이지 전체가 백엔드마다 2분 안에 실행됩니다.
"""

# %% [markdown]
"""
## 설정

백엔드는 케라스를 가져오기 전에 `KERAS_BACKEND` 환경 변수로 고릅니다(`"jax"`, `"tensorflow"`,
`"torch"`). 이 페이지는 백엔드마다 한 번씩, 첫 셀을 실행하기 전에 이 변수를 정해 두고 실행했습니다.
"""

# %%
import numpy as np
import keras

print("Keras", keras.__version__, "백엔드:", keras.backend.backend())

# %% [markdown]
"""
처음 예제들은 간단한 회귀 문제를 학습합니다. 특성이 32개인 샘플 1,000개가 있고, 타깃은 특성의
고정된 선형 함수에 작은 잡음을 더한 값입니다. `make_regressor()`는 넘겨받은 모델 클래스로 `Dense` 층
하나짜리 함수형 모델을 만듭니다. 여기에 직접 만든 `keras.Model` 서브클래스를 넘깁니다.
"""

# %%
rng = np.random.default_rng(0)
x = rng.random((1000, 32)).astype("float32")
true_weights = rng.normal(size=(32, 1)).astype("float32")
y = x @ true_weights + 0.1 * rng.normal(size=(1000, 1)).astype("float32")
print("x:", x.shape, "y:", y.shape)


def make_regressor(model_class):
    inputs = keras.Input(shape=(32,))
    outputs = keras.layers.Dense(1)(inputs)
    return model_class(inputs, outputs)

# %% [markdown]
"""
## 첫 번째 간단한 예제

`keras.Model`의 서브클래스를 만들어 훈련 스텝만 오버라이드하고, 나머지는 건드리지 않습니다. 손실과
지표는 여전히 `compile()`에서 가져옵니다.

- `self.compute_loss()`는 `compile()`에서 설정한 손실을 계산합니다. TensorFlow와 PyTorch에서는 층에
  규제 손실이 있으면 그 손실도 더합니다. 아래 JAX 스텝은 `stateless_call()`이 끝난 뒤에 이 메서드를
  호출하는데, 그때는 규제 손실을 더 이상 구할 수 없습니다. 그래서 JAX 스텝은 이 예제의 모델처럼
  규제가 없는 모델을 전제로 작성했습니다.
- `self.metrics`에는 업데이트할 지표가 들어 있습니다. 먼저 손실의 평균을 내는 `"loss"`라는 추적용
  지표가 오고, 그다음에 `compile()`에 전달한 지표가 항목 하나로 묶여 옵니다. 스텝은 지표마다
  `update_state()`를 호출합니다.
- 스텝은 지표 이름과 현재 값을 짝지은 딕셔너리를 반환합니다. 진행 로그에 표시되고 콜백에 전달되는
  값이 바로 이것입니다.

스텝이 `data`로 받는 것은 `fit()`에 전달한 데이터의 배치 하나입니다. NumPy 배열로 `fit(x, y)`를
호출했다면 튜플 `(x, y)`이고, `tf.data.Dataset`, PyTorch `DataLoader`, `keras.utils.PyDataset`을
전달했다면 그 객체가 배치 하나로 내놓는 값입니다.

이제 백엔드에 따라 달라지는 부분, 그레이디언트 계산입니다.

- **JAX**는 *순수 함수*, 즉 결과가 인자에만 달려 있는 함수를 미분합니다. 그래서 JAX에서는 `fit()`이
  `train_step(state, data)`를 호출합니다. `state`에는 모든 변수(훈련되는 변수, 훈련되지 않는 변수,
  옵티마이저 변수, 지표 변수)의 현재 값이 들어 있고, 스텝은 로그와 함께 새 값을 반환합니다. 스텝
  안에서는 `model.stateless_call()`이 저장된 가중치 대신 넘겨받은 값으로 모델을 실행하고,
  `jax.value_and_grad()`가 이를 미분합니다. `optimizer.stateless_apply()`와
  `metric.stateless_update_state()`도 변수를 직접 바꾸지 않고 새 값을 반환합니다.
  `jax.value_and_grad()`에 넘기는 함수의 이름은 `loss_and_updates()`입니다. 케라스 JAX 트레이너에
  있는 메서드 `compute_loss_and_updates()`와 이름이 겹치면 안 되기 때문입니다. 케라스의 기본
  `test_step()`이 그 메서드를 호출합니다.
- **TensorFlow**는 `tf.GradientTape` 안에서 정방향 계산을 기록한 다음, 가중치에 대한 손실의
  그레이디언트를 테이프에 요청합니다. `fit()`은 `train_step(data)`를 호출합니다.
- **PyTorch**는 코드가 실행되는 동안 계산 그래프를 만듭니다. `loss.backward()`는 각 가중치의
  그레이디언트를 그 가중치를 담은 PyTorch 텐서에 저장합니다(`variable.value.grad`). 그레이디언트는
  호출할 때마다 누적되므로 스텝은 먼저 `self.zero_grad()`로 이를 지웁니다(이 백엔드에서는 케라스
  모델이 `torch.nn.Module`이기도 합니다). 업데이트 자체는 기록되지 않도록 `torch.no_grad()` 안에서
  실행합니다. `fit()`은 `train_step(data)`를 호출합니다.

백엔드 이름이 붙은 블록은 모두 세 백엔드에서 실행했고, 이름과 다른 두 백엔드에서는 일부러 오류를 내며
멈춥니다. `fit()`은 JAX 스텝을 TensorFlow나 PyTorch 스텝과 다른 인자로 호출하므로, 맞지 않는
백엔드에서는 스텝이 아무 일도 하기 전에 호출 자체가 `TypeError`를 일으킵니다. PyTorch에서 실행한
TensorFlow 스텝은 `tape.gradient()`에서 실패합니다. 손실이 PyTorch 텐서인데 TensorFlow는 이를 다룰
수 없기 때문입니다(이것도 `TypeError`입니다). TensorFlow에서 실행한 PyTorch 스텝은
`self.zero_grad()`에서 `AttributeError`를 내며 멈춥니다. 이 메서드는 `torch.nn.Module`에서 온 것이라
TensorFlow 백엔드의 모델에는 없습니다. 그래서 각 블록은 모델 클래스를 정의하는 데서 그치지 않고
훈련까지 합니다. 클래스 정의만으로는 어느 백엔드에서도 오류가 나지 않기 때문입니다. 클래스 이름도
백엔드마다 다릅니다(`JaxCustomModel`, `TensorFlowCustomModel`, `TorchCustomModel`). 평가 절에서 이
클래스들을 서브클래싱해서 쓰기 때문입니다.
"""

# %% tags=["only-jax"]
import jax


class JaxCustomModel(keras.Model):
    def loss_and_updates(self, trainable_variables, non_trainable_variables, x, y, training=False):
        # JAX가 미분할 수 있도록 변수 값만으로 결과가 정해지는 순수 함수로 만듭니다.
        y_pred, non_trainable_variables = self.stateless_call(
            trainable_variables, non_trainable_variables, x, training=training
        )
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        return loss, (y_pred, non_trainable_variables)

    def train_step(self, state, data):
        trainable_variables, non_trainable_variables, optimizer_variables, metrics_variables = state
        x, y = data

        # 손실, 훈련 가능한 변수에 대한 손실의 그레이디언트, 보조 출력을 함께 얻습니다.
        grad_fn = jax.value_and_grad(self.loss_and_updates, has_aux=True)
        (loss, (y_pred, non_trainable_variables)), grads = grad_fn(
            trainable_variables, non_trainable_variables, x, y, training=True
        )

        # 가중치와 옵티마이저 자체 변수의 새 값입니다.
        trainable_variables, optimizer_variables = self.optimizer.stateless_apply(
            optimizer_variables, grads, trainable_variables
        )

        # 지표마다 metrics_variables의 한 구간을 self.metrics 순서대로 차지합니다.
        logs = {}
        new_metrics_variables = []
        for metric in self.metrics:
            start = len(new_metrics_variables)
            values = metrics_variables[start : start + len(metric.variables)]
            if metric.name == "loss":
                values = metric.stateless_update_state(values, loss)
            else:
                values = metric.stateless_update_state(values, y, y_pred)
            result = metric.stateless_result(values)
            # compile()에서 지정한 지표는 결과가 딕셔너리인 항목 하나로 묶여 있습니다.
            logs.update(result if isinstance(result, dict) else {metric.name: result})
            new_metrics_variables += values

        state = (trainable_variables, non_trainable_variables, optimizer_variables, new_metrics_variables)
        return logs, state


model = make_regressor(JaxCustomModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
history = model.fit(x, y, epochs=3, verbose=2)

# %% tags=["only-tensorflow"]
import tensorflow as tf


class TensorFlowCustomModel(keras.Model):
    def train_step(self, data):
        x, y = data

        # 정방향 계산을 기록한 다음 테이프에 그레이디언트를 요청합니다.
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(grads, self.trainable_variables)

        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        # compile()에서 지정한 것까지 모든 지표의 {이름: 값}
        return self.get_metrics_result()


model = make_regressor(TensorFlowCustomModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
history = model.fit(x, y, epochs=3, verbose=2)

# %% tags=["only-torch"]
import torch


class TorchCustomModel(keras.Model):
    def train_step(self, data):
        x, y = data

        # 이전 스텝이 가중치에 남긴 그레이디언트를 지웁니다.
        self.zero_grad()
        y_pred = self(x, training=True)
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        # 각 가중치의 그레이디언트가 그 가중치의 PyTorch 텐서에 저장됩니다.
        loss.backward()
        weights = self.trainable_variables
        grads = [w.value.grad for w in weights]
        with torch.no_grad():
            self.optimizer.apply(grads, weights)

        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred)
        # compile()에서 지정한 것까지 모든 지표의 {이름: 값}
        return self.get_metrics_result()


model = make_regressor(TorchCustomModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
history = model.fit(x, y, epochs=3, verbose=2)

# %% [markdown]
"""
`fit()`은 직접 만든 스텝을 실행하면서 나머지 일은 평소대로 했습니다. 진행 로그를 출력했고,
손실과 `compile()`에서 지정한 지표의 에포크별 값을 담은 `History`를 반환했습니다.
"""

# %% tags=["tolerance-training"]
for name, values in history.history.items():
    print(name, [round(float(v), 3) for v in values])

# %% [markdown]
"""
## 더 낮은 수준으로 내려가기

`compile()`에 꼭 손실이나 지표를 전달해야 하는 것은 아닙니다. 아래 모델은 `compile()`에서 옵티마이저만
받습니다. 손실 함수와 지표는 `__init__()`에서 직접 만들고, 스텝 안에서 직접 업데이트합니다.

이때 알아 둘 점이 두 가지 있습니다.

- 지표는 초기화되기 전까지 값을 계속 누적합니다. 초기화하지 않으면 `result()`는 현재 에포크가 아니라
  훈련 전체의 평균을 반환합니다. `fit()`과 `evaluate()`는 에포크와 평가를 시작할 때마다
  `self.metrics`에 있는 지표를 모두 초기화합니다. 이 모델의 지표처럼 모델의 속성으로 할당한 지표는
  이미 `self.metrics`에 들어 있습니다.
- 그래도 `metrics` 속성을 오버라이드해서 직접 만든 지표 두 개만 정확히 반환하게 합니다. 오버라이드하지
  않으면 `compile()`이 항상 만드는 `"loss"` 추적용 지표도 `self.metrics`에 들어가는데, 이 모델의 스텝은
  그 지표를 업데이트하지 않습니다. TensorFlow와 PyTorch에서는 문제가 없지만, JAX에서는 이 목록이
  `state`에 어떤 지표 변수가 어떤 순서로 들어갈지를 정합니다. 아래 스텝은 직접 만든 두 지표의 변수만
  들어 있다고 가정합니다.
"""

# %% tags=["only-jax"]
import jax


class JaxLowLevelModel(keras.Model):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.loss_fn = keras.losses.MeanSquaredError()
        self.loss_tracker = keras.metrics.Mean(name="loss")
        self.mae_metric = keras.metrics.MeanAbsoluteError(name="mae")

    @property
    def metrics(self):
        return [self.loss_tracker, self.mae_metric]

    def loss_and_updates(self, trainable_variables, non_trainable_variables, x, y, training=False):
        y_pred, non_trainable_variables = self.stateless_call(
            trainable_variables, non_trainable_variables, x, training=training
        )
        return self.loss_fn(y, y_pred), (y_pred, non_trainable_variables)

    def train_step(self, state, data):
        trainable_variables, non_trainable_variables, optimizer_variables, metrics_variables = state
        x, y = data

        grad_fn = jax.value_and_grad(self.loss_and_updates, has_aux=True)
        (loss, (y_pred, non_trainable_variables)), grads = grad_fn(
            trainable_variables, non_trainable_variables, x, y, training=True
        )
        trainable_variables, optimizer_variables = self.optimizer.stateless_apply(
            optimizer_variables, grads, trainable_variables
        )

        # metrics_variables: 손실 추적용 지표의 변수가 먼저, 그다음 MAE 지표의 변수입니다.
        n = len(self.loss_tracker.variables)
        loss_values = self.loss_tracker.stateless_update_state(metrics_variables[:n], loss)
        mae_values = self.mae_metric.stateless_update_state(metrics_variables[n:], y, y_pred)
        logs = {
            "loss": self.loss_tracker.stateless_result(loss_values),
            "mae": self.mae_metric.stateless_result(mae_values),
        }
        state = (trainable_variables, non_trainable_variables, optimizer_variables, loss_values + mae_values)
        return logs, state


model = make_regressor(JaxLowLevelModel)
model.compile(optimizer="adam")  # 손실도 지표도 지정하지 않습니다
history = model.fit(x, y, epochs=3, verbose=2)
print("기록된 항목:", sorted(history.history))

# %% tags=["only-tensorflow"]
import tensorflow as tf


class TensorFlowLowLevelModel(keras.Model):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.loss_fn = keras.losses.MeanSquaredError()
        self.loss_tracker = keras.metrics.Mean(name="loss")
        self.mae_metric = keras.metrics.MeanAbsoluteError(name="mae")

    @property
    def metrics(self):
        return [self.loss_tracker, self.mae_metric]

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.loss_fn(y, y_pred)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(grads, self.trainable_variables)

        self.loss_tracker.update_state(loss)
        self.mae_metric.update_state(y, y_pred)
        return {"loss": self.loss_tracker.result(), "mae": self.mae_metric.result()}


model = make_regressor(TensorFlowLowLevelModel)
model.compile(optimizer="adam")  # 손실도 지표도 지정하지 않습니다
history = model.fit(x, y, epochs=3, verbose=2)
print("기록된 항목:", sorted(history.history))

# %% tags=["only-torch"]
import torch


class TorchLowLevelModel(keras.Model):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.loss_fn = keras.losses.MeanSquaredError()
        self.loss_tracker = keras.metrics.Mean(name="loss")
        self.mae_metric = keras.metrics.MeanAbsoluteError(name="mae")

    @property
    def metrics(self):
        return [self.loss_tracker, self.mae_metric]

    def train_step(self, data):
        x, y = data
        self.zero_grad()
        y_pred = self(x, training=True)
        loss = self.loss_fn(y, y_pred)
        loss.backward()
        weights = self.trainable_variables
        grads = [w.value.grad for w in weights]
        with torch.no_grad():
            self.optimizer.apply(grads, weights)

        self.loss_tracker.update_state(loss)
        self.mae_metric.update_state(y, y_pred)
        return {"loss": self.loss_tracker.result(), "mae": self.mae_metric.result()}


model = make_regressor(TorchLowLevelModel)
model.compile(optimizer="adam")  # 손실도 지표도 지정하지 않습니다
history = model.fit(x, y, epochs=3, verbose=2)
print("기록된 항목:", sorted(history.history))

# %% [markdown]
"""
## `sample_weight`와 `class_weight` 지원하기

첫 번째 예제의 스텝은 샘플 가중치를 고려하지 않았습니다(가중치가 든 배치라면 `x, y = data`에서
오류가 납니다). `fit()`의 `sample_weight` 인자를 반영하려면 다음과 같이 합니다.

- 배치를 `keras.utils.unpack_x_y_sample_weight(data)`로 풉니다. 이 함수는 `data`에 든 항목이 두 개든
  세 개든 `(x, y, sample_weight)`를 반환합니다(가중치가 없으면 `sample_weight`는 `None`입니다).
- `sample_weight`를 `compute_loss()`에, 그리고 `compile()`에서 지정한 지표의 `update_state()`에
  전달합니다(손실과 지표를 직접 계산한다면 가중치도 직접 적용합니다).

이것으로 `class_weight`도 지원됩니다. `fit()`은 `class_weight` 딕셔너리를 각 샘플의 클래스에 따른
샘플별 가중치로 바꾸어 `sample_weight`로 스텝에 넘겨줍니다. (`fit()`에는 둘 중 하나만 전달할 수
있습니다.)

여기서는 샘플마다 0과 1 사이의 무작위 가중치를 줍니다.
"""

# %%
sample_weight = rng.random((1000, 1)).astype("float32")
print("가중치:", sample_weight.shape, "평균", round(float(sample_weight.mean()), 3))

# %% tags=["only-jax"]
import jax


class JaxWeightedModel(keras.Model):
    def loss_and_updates(
        self, trainable_variables, non_trainable_variables, x, y, sample_weight, training=False
    ):
        y_pred, non_trainable_variables = self.stateless_call(
            trainable_variables, non_trainable_variables, x, training=training
        )
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight)
        return loss, (y_pred, non_trainable_variables)

    def train_step(self, state, data):
        trainable_variables, non_trainable_variables, optimizer_variables, metrics_variables = state
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)

        grad_fn = jax.value_and_grad(self.loss_and_updates, has_aux=True)
        (loss, (y_pred, non_trainable_variables)), grads = grad_fn(
            trainable_variables, non_trainable_variables, x, y, sample_weight, training=True
        )
        trainable_variables, optimizer_variables = self.optimizer.stateless_apply(
            optimizer_variables, grads, trainable_variables
        )

        logs = {}
        new_metrics_variables = []
        for metric in self.metrics:
            start = len(new_metrics_variables)
            values = metrics_variables[start : start + len(metric.variables)]
            if metric.name == "loss":
                values = metric.stateless_update_state(values, loss)
            else:
                values = metric.stateless_update_state(values, y, y_pred, sample_weight=sample_weight)
            result = metric.stateless_result(values)
            logs.update(result if isinstance(result, dict) else {metric.name: result})
            new_metrics_variables += values

        state = (trainable_variables, non_trainable_variables, optimizer_variables, new_metrics_variables)
        return logs, state


model = make_regressor(JaxWeightedModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
history = model.fit(x, y, sample_weight=sample_weight, epochs=2, verbose=2)

# %% tags=["only-tensorflow"]
import tensorflow as tf


class TensorFlowWeightedModel(keras.Model):
    def train_step(self, data):
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)

        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight)
        grads = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(grads, self.trainable_variables)

        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred, sample_weight=sample_weight)
        return self.get_metrics_result()


model = make_regressor(TensorFlowWeightedModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
history = model.fit(x, y, sample_weight=sample_weight, epochs=2, verbose=2)

# %% tags=["only-torch"]
import torch


class TorchWeightedModel(keras.Model):
    def train_step(self, data):
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)

        self.zero_grad()
        y_pred = self(x, training=True)
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight)
        loss.backward()
        weights = self.trainable_variables
        grads = [w.value.grad for w in weights]
        with torch.no_grad():
            self.optimizer.apply(grads, weights)

        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred, sample_weight=sample_weight)
        return self.get_metrics_result()


model = make_regressor(TorchWeightedModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
history = model.fit(x, y, sample_weight=sample_weight, epochs=2, verbose=2)

# %% [markdown]
"""
## 평가 스텝 직접 만들기

`fit()`이 `train_step()`을 실행하듯 `evaluate()`는 배치마다 모델의 `test_step()`을 한 번씩 실행하고,
검증 데이터를 주면 `fit()`도 이 메서드를 실행합니다. 따라서 평가 방식을 바꾸려면 `test_step()`을
오버라이드합니다. 그레이디언트도 옵티마이저도 필요 없으니 훈련 스텝보다 간단합니다. JAX에서는
평가에 옵티마이저 상태가 없으므로, `test_step(state, data)`가 받아서 다시 반환하는 값 목록은 세
개(훈련되는 변수, 훈련되지 않는 변수, 지표 변수)뿐입니다. TensorFlow와 PyTorch에서는
`test_step(data)` 코드가 똑같습니다.

아래에서는 백엔드마다 첫 번째 예제의 모델 클래스에 샘플 가중치를 처리하는 `test_step()`을 더합니다.
그러면 모델의 두 스텝을 모두 직접 만든 셈이 됩니다. `fit()`은 샘플 800개로 훈련하고, 에포크가 끝날
때마다 이 `test_step()`으로 나머지 200개를 평가합니다(로그의 `val_` 항목). 그다음 `evaluate()`가
같은 200개 샘플에서 이 스텝을 실행합니다. (TensorFlow 블록과 PyTorch 블록은 물려받은 훈련 스텝만
다르고, 그 차이 때문에 각 블록이 다른 백엔드에서 실패합니다.)
"""

# %% tags=["only-jax", "tolerance-training"]
class JaxEvaluatingModel(JaxCustomModel):
    def test_step(self, state, data):
        trainable_variables, non_trainable_variables, metrics_variables = state
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)

        y_pred, non_trainable_variables = self.stateless_call(
            trainable_variables, non_trainable_variables, x, training=False
        )
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=False)

        logs = {}
        new_metrics_variables = []
        for metric in self.metrics:
            start = len(new_metrics_variables)
            values = metrics_variables[start : start + len(metric.variables)]
            if metric.name == "loss":
                values = metric.stateless_update_state(values, loss)
            else:
                values = metric.stateless_update_state(values, y, y_pred, sample_weight=sample_weight)
            result = metric.stateless_result(values)
            logs.update(result if isinstance(result, dict) else {metric.name: result})
            new_metrics_variables += values

        return logs, (trainable_variables, non_trainable_variables, new_metrics_variables)


model = make_regressor(JaxEvaluatingModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
model.fit(x[:800], y[:800], validation_data=(x[800:], y[800:]), epochs=2, verbose=2)
results = model.evaluate(x[800:], y[800:], verbose=0, return_dict=True)
print("evaluate() 결과:", {name: round(float(value), 3) for name, value in results.items()})

# %% tags=["only-tensorflow", "tolerance-training"]
class TensorFlowEvaluatingModel(TensorFlowCustomModel):
    def test_step(self, data):
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)

        y_pred = self(x, training=False)
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=False)

        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred, sample_weight=sample_weight)
        return self.get_metrics_result()


model = make_regressor(TensorFlowEvaluatingModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
model.fit(x[:800], y[:800], validation_data=(x[800:], y[800:]), epochs=2, verbose=2)
results = model.evaluate(x[800:], y[800:], verbose=0, return_dict=True)
print("evaluate() 결과:", {name: round(float(value), 3) for name, value in results.items()})

# %% tags=["only-torch", "tolerance-training"]
class TorchEvaluatingModel(TorchCustomModel):
    def test_step(self, data):
        x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)

        y_pred = self(x, training=False)
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=False)

        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            else:
                metric.update_state(y, y_pred, sample_weight=sample_weight)
        return self.get_metrics_result()


model = make_regressor(TorchEvaluatingModel)
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
model.fit(x[:800], y[:800], validation_data=(x[800:], y[800:]), epochs=2, verbose=2)
results = model.evaluate(x[800:], y[800:], verbose=0, return_dict=True)
print("evaluate() 결과:", {name: round(float(value), 3) for name, value in results.items()})

# %% [markdown]
"""
`evaluate()`가 반환한 손실과 MAE는 마지막 에포크 로그의 `val_` 항목과 같습니다. 둘 다 같은 가중치로
같은 200개 샘플에서 같은 `test_step()`을 실행했기 때문입니다.
"""

# %% [markdown]
"""
## 마무리: 엔드투엔드 GAN 예제

지금까지 배운 것을 모두 엮어 MNIST 숫자로 생성적 적대 신경망(GAN)을 훈련해 보겠습니다. GAN에는 서로
겨루며 학습하는 신경망 두 개가 있습니다.

- **생성자**는 *잠재 공간*의 무작위 벡터를 28x28x1 이미지로 바꿉니다.
- **판별자**는 28x28x1 이미지를 보고 가짜(생성자가 만든 것)인지 진짜(데이터셋에서 온 것)인지
  판단합니다.

신경망마다 옵티마이저가 따로 있고, 손실 함수 하나(판별자의 로짓에 대한 이진 크로스 엔트로피)를 두
신경망이 함께 씁니다. 훈련 스텝은 두 단계로 이루어집니다. 먼저 판별자가 1("가짜")로 레이블을 붙인
생성 이미지 배치와 0("진짜")으로 레이블을 붙인 실제 이미지 배치로 학습합니다. 레이블에 작은 무작위
잡음을 더하는 것은 GAN 훈련을 안정시키는 흔한 요령입니다. 그다음 생성자가 판별자를 속이도록
학습합니다. 새 이미지를 생성해 모두 "진짜"로 레이블을 붙여 판별자에 통과시키고, 판별자의 예측과 이
레이블로 구한 손실의 그레이디언트로 생성자의 가중치만 업데이트합니다.

두 신경망은 평범한 `Sequential` 모델이고, 모든 백엔드에서 같습니다. 페이지가 빨리 실행되도록
keras.io보다 작게 만들었습니다.
"""

# %%
latent_dim = 64


def make_discriminator():
    return keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            keras.layers.Conv2D(32, 3, strides=2, padding="same"),
            keras.layers.LeakyReLU(negative_slope=0.2),
            keras.layers.Conv2D(64, 3, strides=2, padding="same"),
            keras.layers.LeakyReLU(negative_slope=0.2),
            keras.layers.GlobalMaxPooling2D(),
            keras.layers.Dense(1),
        ],
        name="discriminator",
    )


def make_generator():
    return keras.Sequential(
        [
            keras.Input(shape=(latent_dim,)),
            keras.layers.Dense(7 * 7 * 32),
            keras.layers.LeakyReLU(negative_slope=0.2),
            keras.layers.Reshape((7, 7, 32)),
            keras.layers.Conv2DTranspose(32, 4, strides=2, padding="same"),
            keras.layers.LeakyReLU(negative_slope=0.2),
            keras.layers.Conv2DTranspose(32, 4, strides=2, padding="same"),
            keras.layers.LeakyReLU(negative_slope=0.2),
            keras.layers.Conv2D(1, 7, padding="same", activation="sigmoid"),
        ],
        name="generator",
    )


print("판별자 파라미터 수:", make_discriminator().count_params())
print("생성자 파라미터 수:", make_generator().count_params())

# %% [markdown]
"""
데이터는 MNIST 훈련 이미지 640개입니다. 픽셀 값을 [0, 1] 범위로 바꾸고 채널 축을 추가합니다. GAN에는
레이블이 필요 없으므로 `fit()`에 이미지만 전달합니다. 스텝은 `keras.utils.unpack_x_y_sample_weight()`로
`data`에서 이미지를 꺼내는데, 이 함수는 `data`가 튜플이 아니어도 동작합니다.
"""

# %%
(mnist_images, _), _ = keras.datasets.mnist.load_data()
real_images = np.expand_dims(mnist_images[:640].astype("float32") / 255, -1)
print("실제 이미지:", real_images.shape)

# %% [markdown]
"""
이제 두 신경망을 담은 `keras.Model`, 곧 GAN 자체를 만듭니다. GAN은 자기만의 인자(옵티마이저 두 개와
손실 함수)를 받도록 `compile()`을 오버라이드하고, 두 단계를 실행하도록 `train_step()`을
오버라이드합니다. `metrics`는 손실 추적용 지표 두 개이고, `fit()`이 에포크마다 초기화합니다. 무작위
벡터와 레이블 잡음은 `keras.random`에서 `SeedGenerator`로 뽑습니다. `SeedGenerator`는 시드를 정해 둔,
모델 자체의 난수 공급원입니다. GAN에는 자체 `call()`이 없어서 `fit()`이 배치로 모델을 호출해 빌드할
수 없습니다(JAX와 PyTorch에서는 `fit()`이 빌드를 시도하다가 `RuntimeError`를 내며 멈춥니다). 두
신경망은 `keras.Input`으로 시작하므로 이미 빌드되어 있고, 그래서 `__init__()`에서 `self.built = True`로
설정합니다.

TensorFlow와 PyTorch에서는 스텝이 두 단계를 차례로 실행합니다. 판별자를 먼저 업데이트하고, 생성자는
업데이트된 판별자를 상대로 학습합니다. JAX 버전은 한 가지가 다릅니다. JAX에서 `fit()`이 스텝에서
스텝으로 넘겨주는 것은 옵티마이저 하나(`self.optimizer`)의 변수뿐입니다. 그래서 GAN의 `compile()`은
케라스에 `keras.optimizers.MultiOptimizer`를 옵티마이저로 넘깁니다. 이 옵티마이저는 각 변수를
경로(`discriminator/...`인지 아닌지)에 따라 두 옵티마이저 중 하나에 맡깁니다. 스텝은
`stateless_apply()` 한 번으로 모든 변수를 업데이트합니다. 즉 두 신경망이 같은 가중치에서 그레이디언트를
구해 동시에 한 스텝씩 나아가므로, 생성자는 업데이트되기 전의 판별자를 상대로 학습합니다. JAX에서는 난수
추출에도 주의가 필요합니다. 시드 생성기의 상태는 GAN의 훈련되지 않는 변수이므로, 스텝은 이 변수를
`state` 안의 값에 대응시키는 `keras.StatelessScope` 안에서 난수를 뽑고, 한 단계 나아간 시드 상태를
새 `state`에 넣습니다.

이미지 640개로 1 에포크만 훈련한 생성자는 아직 숫자를 그리지 못합니다(keras.io는 MNIST 전체로 20
에포크쯤 훈련하면 좋은 결과를 얻는다고 안내합니다). 하지만 생성자는 그 자체로 하나의 모델이므로, 각
블록은 마지막에 훈련된 생성자에게 새 이미지 네 장을 요청합니다.
"""

# %% tags=["only-jax"]
import jax


class JaxGAN(keras.Model):
    def __init__(self, discriminator, generator, latent_dim):
        super().__init__()
        # 판별자를 먼저 할당하므로 self.trainable_variables에서 판별자의 변수가 앞에 옵니다.
        self.discriminator = discriminator
        self.generator = generator
        self.latent_dim = latent_dim
        self.seed_generator = keras.random.SeedGenerator(1337)
        self.d_loss_tracker = keras.metrics.Mean(name="d_loss")
        self.g_loss_tracker = keras.metrics.Mean(name="g_loss")
        # 두 신경망은 keras.Input으로 시작하므로 이미 빌드되어 있습니다. GAN에는 fit()이
        # 빌드할 때 쓸 자체 call()이 없습니다.
        self.built = True

    @property
    def metrics(self):
        return [self.d_loss_tracker, self.g_loss_tracker]

    def compile(self, d_optimizer, g_optimizer, loss_fn):
        # fit()이 스텝마다 넘겨줄 옵티마이저 하나. 각 변수를 두 옵티마이저 중 하나에 맡깁니다.
        optimizer = keras.optimizers.MultiOptimizer(
            keras.optimizers.OptimizerMap(
                default_optimizer=g_optimizer, optimizer_map={"discriminator/.*": d_optimizer}
            )
        )
        super().compile(optimizer=optimizer)
        self.loss_fn = loss_fn

    # 두 신경망 모두 훈련되지 않는 변수가 없으므로 빈 리스트를 넘깁니다.
    def discriminator_loss(self, d_variables, images, labels):
        predictions, _ = self.discriminator.stateless_call(d_variables, [], images)
        return self.loss_fn(labels, predictions)

    def generator_loss(self, g_variables, d_variables, latent, labels):
        images, _ = self.generator.stateless_call(g_variables, [], latent)
        predictions, _ = self.discriminator.stateless_call(d_variables, [], images)
        return self.loss_fn(labels, predictions)

    def train_step(self, state, data):
        trainable_variables, non_trainable_variables, optimizer_variables, metrics_variables = state
        real_images, _, _ = keras.utils.unpack_x_y_sample_weight(data)
        batch_size = real_images.shape[0]
        n_d = len(self.discriminator.trainable_variables)
        d_variables, g_variables = trainable_variables[:n_d], trainable_variables[n_d:]

        # 난수 추출. 시드 생성기의 상태는 state에서 가져오고 다시 state로 돌려보냅니다.
        mapping = list(zip(self.non_trainable_variables, non_trainable_variables))
        with keras.StatelessScope(state_mapping=mapping) as scope:
            latent = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
            label_noise = keras.random.uniform((2 * batch_size, 1), seed=self.seed_generator)
            new_latent = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        non_trainable_variables = [scope.get_current_value(v) for v in self.non_trainable_variables]

        # 1단계: 생성 이미지는 "가짜"(1), 실제 이미지는 "진짜"(0). 레이블에 잡음을 더합니다.
        fake_images, _ = self.generator.stateless_call(g_variables, [], latent)
        images = keras.ops.concatenate([fake_images, real_images], axis=0)
        labels = keras.ops.concatenate(
            [keras.ops.ones((batch_size, 1)), keras.ops.zeros((batch_size, 1))], axis=0
        )
        labels = labels + 0.05 * label_noise
        d_loss, d_grads = jax.value_and_grad(self.discriminator_loss)(d_variables, images, labels)

        # 2단계: 생성자의 이미지에 모두 "진짜" 레이블을 붙이고, 생성자에 대한 그레이디언트만 구합니다.
        misleading_labels = keras.ops.zeros((batch_size, 1))
        g_loss, g_grads = jax.value_and_grad(self.generator_loss)(
            g_variables, d_variables, new_latent, misleading_labels
        )

        # 두 신경망이 각자의 옵티마이저로 동시에 한 스텝 나아갑니다.
        trainable_variables, optimizer_variables = self.optimizer.stateless_apply(
            optimizer_variables, d_grads + g_grads, trainable_variables
        )

        n_m = len(self.d_loss_tracker.variables)
        d_values = self.d_loss_tracker.stateless_update_state(metrics_variables[:n_m], d_loss)
        g_values = self.g_loss_tracker.stateless_update_state(metrics_variables[n_m:], g_loss)
        logs = {
            "d_loss": self.d_loss_tracker.stateless_result(d_values),
            "g_loss": self.g_loss_tracker.stateless_result(g_values),
        }
        state = (trainable_variables, non_trainable_variables, optimizer_variables, d_values + g_values)
        return logs, state


gan = JaxGAN(make_discriminator(), make_generator(), latent_dim)
gan.compile(
    d_optimizer=keras.optimizers.Adam(learning_rate=3e-4),
    g_optimizer=keras.optimizers.Adam(learning_rate=3e-4),
    loss_fn=keras.losses.BinaryCrossentropy(from_logits=True),
)
gan.fit(real_images, batch_size=64, epochs=1, verbose=2)

# 훈련된 생성자는 그 자체로 하나의 모델입니다. 새 이미지 네 장을 만듭니다.
samples = gan.generator.predict(keras.random.normal((4, latent_dim), seed=7), verbose=0)
print("생성한 이미지:", samples.shape)
print("픽셀 값이 모두 [0, 1] 범위인가:", bool(samples.min() >= 0 and samples.max() <= 1))

# %% tags=["only-tensorflow"]
import tensorflow as tf


class TensorFlowGAN(keras.Model):
    def __init__(self, discriminator, generator, latent_dim):
        super().__init__()
        self.discriminator = discriminator
        self.generator = generator
        self.latent_dim = latent_dim
        self.seed_generator = keras.random.SeedGenerator(1337)
        self.d_loss_tracker = keras.metrics.Mean(name="d_loss")
        self.g_loss_tracker = keras.metrics.Mean(name="g_loss")
        # 두 신경망은 keras.Input으로 시작하므로 이미 빌드되어 있습니다. GAN에는 fit()이
        # 빌드할 때 쓸 자체 call()이 없습니다.
        self.built = True

    @property
    def metrics(self):
        return [self.d_loss_tracker, self.g_loss_tracker]

    def compile(self, d_optimizer, g_optimizer, loss_fn):
        super().compile()
        self.d_optimizer = d_optimizer
        self.g_optimizer = g_optimizer
        self.loss_fn = loss_fn

    def train_step(self, data):
        real_images, _, _ = keras.utils.unpack_x_y_sample_weight(data)
        batch_size = keras.ops.shape(real_images)[0]

        # 1단계: 생성 이미지는 "가짜"(1), 실제 이미지는 "진짜"(0). 레이블에 잡음을 더합니다.
        latent = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        fake_images = keras.ops.stop_gradient(self.generator(latent))
        images = keras.ops.concatenate([fake_images, real_images], axis=0)
        labels = keras.ops.concatenate(
            [keras.ops.ones((batch_size, 1)), keras.ops.zeros((batch_size, 1))], axis=0
        )
        labels = labels + 0.05 * keras.random.uniform(keras.ops.shape(labels), seed=self.seed_generator)
        with tf.GradientTape() as tape:
            d_loss = self.loss_fn(labels, self.discriminator(images))
        d_weights = self.discriminator.trainable_variables
        self.d_optimizer.apply(tape.gradient(d_loss, d_weights), d_weights)

        # 2단계: 새 이미지에 모두 "진짜" 레이블을 붙이고, 생성자의 가중치만 업데이트합니다.
        latent = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        misleading_labels = keras.ops.zeros((batch_size, 1))
        with tf.GradientTape() as tape:
            g_loss = self.loss_fn(misleading_labels, self.discriminator(self.generator(latent)))
        g_weights = self.generator.trainable_variables
        self.g_optimizer.apply(tape.gradient(g_loss, g_weights), g_weights)

        self.d_loss_tracker.update_state(d_loss)
        self.g_loss_tracker.update_state(g_loss)
        return {"d_loss": self.d_loss_tracker.result(), "g_loss": self.g_loss_tracker.result()}


gan = TensorFlowGAN(make_discriminator(), make_generator(), latent_dim)
gan.compile(
    d_optimizer=keras.optimizers.Adam(learning_rate=3e-4),
    g_optimizer=keras.optimizers.Adam(learning_rate=3e-4),
    loss_fn=keras.losses.BinaryCrossentropy(from_logits=True),
)
gan.fit(real_images, batch_size=64, epochs=1, verbose=2)

# 훈련된 생성자는 그 자체로 하나의 모델입니다. 새 이미지 네 장을 만듭니다.
samples = gan.generator.predict(keras.random.normal((4, latent_dim), seed=7), verbose=0)
print("생성한 이미지:", samples.shape)
print("픽셀 값이 모두 [0, 1] 범위인가:", bool(samples.min() >= 0 and samples.max() <= 1))

# %% tags=["only-torch"]
import torch


class TorchGAN(keras.Model):
    def __init__(self, discriminator, generator, latent_dim):
        super().__init__()
        self.discriminator = discriminator
        self.generator = generator
        self.latent_dim = latent_dim
        self.seed_generator = keras.random.SeedGenerator(1337)
        self.d_loss_tracker = keras.metrics.Mean(name="d_loss")
        self.g_loss_tracker = keras.metrics.Mean(name="g_loss")
        # 두 신경망은 keras.Input으로 시작하므로 이미 빌드되어 있습니다. GAN에는 fit()이
        # 빌드할 때 쓸 자체 call()이 없습니다.
        self.built = True

    @property
    def metrics(self):
        return [self.d_loss_tracker, self.g_loss_tracker]

    def compile(self, d_optimizer, g_optimizer, loss_fn):
        super().compile()
        self.d_optimizer = d_optimizer
        self.g_optimizer = g_optimizer
        self.loss_fn = loss_fn

    def train_step(self, data):
        real_images, _, _ = keras.utils.unpack_x_y_sample_weight(data)
        batch_size = keras.ops.shape(real_images)[0]

        # 1단계: 생성 이미지는 "가짜"(1), 실제 이미지는 "진짜"(0). 레이블에 잡음을 더합니다.
        latent = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        fake_images = keras.ops.stop_gradient(self.generator(latent))
        images = keras.ops.concatenate([fake_images, real_images], axis=0)
        labels = keras.ops.concatenate(
            [keras.ops.ones((batch_size, 1)), keras.ops.zeros((batch_size, 1))], axis=0
        )
        labels = labels + 0.05 * keras.random.uniform(keras.ops.shape(labels), seed=self.seed_generator)
        self.zero_grad()
        d_loss = self.loss_fn(labels, self.discriminator(images))
        d_loss.backward()
        d_weights = self.discriminator.trainable_variables
        with torch.no_grad():
            self.d_optimizer.apply([w.value.grad for w in d_weights], d_weights)

        # 2단계: 새 이미지에 모두 "진짜" 레이블을 붙이고, 생성자의 가중치만 업데이트합니다.
        latent = keras.random.normal((batch_size, self.latent_dim), seed=self.seed_generator)
        misleading_labels = keras.ops.zeros((batch_size, 1))
        self.zero_grad()
        g_loss = self.loss_fn(misleading_labels, self.discriminator(self.generator(latent)))
        g_loss.backward()
        g_weights = self.generator.trainable_variables
        with torch.no_grad():
            self.g_optimizer.apply([w.value.grad for w in g_weights], g_weights)

        self.d_loss_tracker.update_state(d_loss)
        self.g_loss_tracker.update_state(g_loss)
        return {"d_loss": self.d_loss_tracker.result(), "g_loss": self.g_loss_tracker.result()}


gan = TorchGAN(make_discriminator(), make_generator(), latent_dim)
gan.compile(
    d_optimizer=keras.optimizers.Adam(learning_rate=3e-4),
    g_optimizer=keras.optimizers.Adam(learning_rate=3e-4),
    loss_fn=keras.losses.BinaryCrossentropy(from_logits=True),
)
gan.fit(real_images, batch_size=64, epochs=1, verbose=2)

# 훈련된 생성자는 그 자체로 하나의 모델입니다. 새 이미지 네 장을 만듭니다.
samples = gan.generator.predict(keras.random.normal((4, latent_dim), seed=7), verbose=0)
print("생성한 이미지:", samples.shape)
print("픽셀 값이 모두 [0, 1] 범위인가:", bool(samples.min() >= 0 and samples.max() <= 1))

# %% [markdown]
"""
## 더 읽을거리

- [훈련 루프 처음부터 작성하기](https://keras.io/guides/writing_a_custom_training_loop_in_jax/)(keras.io,
  영문. [TensorFlow](https://keras.io/guides/writing_a_custom_training_loop_in_tensorflow/)용과
  [PyTorch](https://keras.io/guides/writing_a_custom_training_loop_in_torch/)용도 있습니다): 이 페이지보다
  한 단계 아래로 내려가, 에포크와 배치를 도는 루프까지 직접 작성합니다.
- 이 사이트의 [엔지니어를 위한 케라스 소개](intro_to_keras_for_engineers.md)에서는 `fit()`, 콜백, 직접
  만든 `train_step()`을 하나의 완전한 작업 흐름 안에서 보여 줍니다.
"""

