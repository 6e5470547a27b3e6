"""Form fields the editors' admin shares."""

import re

from django import forms
from django.core.exceptions import ValidationError

from deals.models.reference import HS_CODE

_SEPARATORS = re.compile(r"[\s,;]+")


class HSCodesField(forms.CharField):
    """HS codes typed as a plain list, "2805.30, 2846", kept as the model's list of strings."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "HS codes")
        kwargs.setdefault("help_text", "Harmonized System codes, with commas: 2805.30, 2846")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(code) for code in value)
        return value

    def to_python(self, value) -> list[str]:
        if isinstance(value, list | tuple):
            return [str(code) for code in value]
        text = super().to_python(value).strip().strip("[]").replace('"', "").replace("'", "")
        return [code for code in _SEPARATORS.split(text) if code]

    def validate(self, value: list[str]) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        wrong = [code for code in value if not HS_CODE.fullmatch(code)]
        if wrong:
            raise ValidationError(
                "Not an HS code: %(codes)s. Write 2, 4, 6 or 8 digits, with a dot after the "
                "fourth (28, 2805, 2805.30, 2805.3010).",
                params={"codes": ", ".join(wrong)},
            )

    def has_changed(self, initial, data) -> bool:
        return self.to_python(initial or []) != self.to_python(data or "")
