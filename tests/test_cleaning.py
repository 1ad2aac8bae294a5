from guidesite.cleaning import clean, replay_terminal
from guidesite.pageformat import fence_for


def test_progress_bar_keeps_final_state():
    raw = "\r1/3 [=>....] loss: 0.9\r2/3 [===>..] loss: 0.5\r3/3 [======] loss: 0.2\n"
    assert clean(raw) == "3/3 [======] loss: 0.2"


def test_backspaces_overwrite():
    assert replay_terminal("10%\b\b\b55%") == "55%"


def test_ansi_codes_are_removed():
    assert clean("\x1b[1m1875/1875\x1b[0m \x1b[32m━━\x1b[0m") == "1875/1875 ━━"


def test_memory_addresses_are_masked():
    assert clean("<keras.src.callbacks.history.History at 0x7f4f0c112f28>") == (
        "<keras.src.callbacks.history.History at 0x…>"
    )


def test_tensorflow_start_up_noise_is_dropped():
    raw = (
        "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
        "I0000 00:00:1795644874.535995    2899 cudart_stub.cc:31] Could not find cuda drivers\n"
        "2024-01-01 10:00:00.123456: I tensorflow/core/platform/cpu_feature_guard.cc:182] x\n"
        "real line\n"
    )
    assert clean(raw) == "real line"


def test_environment_paths_are_shortened():
    raw = "/root/venv/lib/python3.11/site-packages/keras/src/x.py:74: UserWarning: hi"
    assert clean(raw) == ".../site-packages/keras/src/x.py:74: UserWarning: hi"


def test_cleaning_twice_changes_nothing():
    samples = [
        "/root/venv/lib/python3.11/site-packages/keras/x.py:1: UserWarning",
        "\x1b[1m3/3\x1b[0m\r<obj at 0x7f4f0c112f28>\n",
    ]
    for raw in samples:
        assert clean(clean(raw)) == clean(raw)


def test_nul_and_control_bytes_are_dropped():
    assert clean("a\x00b\x07c") == "abc"


def test_fence_is_longer_than_backticks_inside():
    assert fence_for("plain") == "```"
    assert fence_for("has ```` inside") == "`````"


def test_a_shorter_last_frame_leaves_no_residue_of_the_previous_one():
    # Keras backspaces over the previous frame, returns, and writes the next one unpadded.
    longer = "32/32 ━━━━ 0s 9ms/step - mae: 0.7124 - loss: 0.715504"
    shorter = "32/32 ━━━━ 0s 9ms/step - mae: 0.7124 - loss: 0.7155"
    assert clean("\b" * len(longer) + "\r" + longer + "\b" * len(longer) + "\r" + shorter + "\n") == shorter
