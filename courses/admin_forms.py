from lms.admin_forms import AdminPageForm


class CoursePageForm(AdminPageForm):
    """The course editor. Its prerequisites are a ParentalManyToManyField,
    which the form only puts on the page after validation; they are put on
    it (in memory, nothing is written) before the model's `clean()` runs, so
    that `CoursePage.clean()` checks the prerequisites being chosen."""

    def clean(self):
        cleaned_data = super().clean()
        if "required_courses" in cleaned_data:
            self.instance.required_courses = cleaned_data["required_courses"]
        return cleaned_data
