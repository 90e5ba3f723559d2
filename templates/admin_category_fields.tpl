{{%AUTOESCAPE context="HTML"}}
{{>error_summary}}
<div class="field">
<label for="name">Name</label>
<input id="name" name="name" value="{{name}}" maxlength="60" required{{#name_error}} aria-invalid="true" aria-describedby="name-error"{{/name_error}}>
{{#name_error}}<p class="error" id="name-error">{{message}}</p>{{/name_error}}
</div>
<div class="field">
<label for="position">Position</label>
<input id="position" name="position" value="{{position}}" inputmode="numeric" maxlength="4" required aria-describedby="position-hint{{#position_error}} position-error{{/position_error}}"{{#position_error}} aria-invalid="true"{{/position_error}}>
<p class="hint" id="position-hint">From 0 to 1000; lower comes first.</p>
{{#position_error}}<p class="error" id="position-error">{{message}}</p>{{/position_error}}
</div>
<div class="field check">
<input id="active" name="active" type="checkbox" value="1"{{#active_checked}} checked{{/active_checked}}>
<label for="active">Active: customers can see and book its services</label>
</div>
