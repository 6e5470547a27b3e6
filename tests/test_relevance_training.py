"""The look-alike model's training (bench/train_relevance.py) is reproducible: the same stories
give the same weights every run, each at the sign its feature is meant to have."""

from bench import train_relevance
from deals.extraction import relevance


def test_the_same_stories_give_the_same_weights_each_at_its_meant_sign():
    rows = [r for r in train_relevance.feature_rows() if train_relevance.judged(r)]

    first = train_relevance.fit(rows, train_relevance.PENALTIES[0])
    second = train_relevance.fit(rows, train_relevance.PENALTIES[0])

    assert first == second
    assert first.weights
    for name, weight in first.weights.items():
        assert (weight > 0) == (name in relevance.FOR_A_LOOKALIKE), name
