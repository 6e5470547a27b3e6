"""Forms readers fill in: signing up and choosing how to be told about changes."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm

from deals.models import Delivery


class SignUpForm(UserCreationForm):
    """A new reader's account: a user name, an email address for changes, and a password."""

    email = forms.EmailField(
        help_text="Where we send the changes to what you follow.", max_length=254
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["username", "email"]

    def clean_email(self):
        email = self.cleaned_data["email"]
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account already uses this email address.")
        return email


class DeliveryForm(forms.Form):
    """Immediate emails or a daily digest."""

    delivery = forms.ChoiceField(
        choices=Delivery.choices, widget=forms.RadioSelect, label="How should we tell you?"
    )
