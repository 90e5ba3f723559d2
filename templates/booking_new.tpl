{{%AUTOESCAPE context="HTML"}}
<h1>Book a service</h1>
{{#problem}}<p class="error-summary" role="alert">{{message}}</p>{{/problem}}
{{#error_summary}}<div class="error-summary" role="alert">
<p>Please correct the {{count}} field(s) marked below:</p>
<ul>
{{#error_link}}<li><a href="#{{field}}">{{message}}</a></li>
{{/error_link}}</ul>
</div>
{{/error_summary}}{{#fee_due}}<p class="panel">A late-cancellation fee of {{fee}} for booking #{{booking_id}} is still due. <a href="{{pay_url}}">Pay the fee</a>, then you can book again.</p>
{{/fee_due}}{{#service}}<section class="panel" aria-labelledby="service-heading">
<h2 id="service-heading">{{name}}</h2>
<p><span class="price">{{price}}</span>{{#adjusted}} in pincode {{pincode}}, which includes a {{percent}}% busy-area adjustment (usually {{usual}}){{/adjusted}} · about {{duration}} minutes · the price is fixed by HomeServe</p>
{{#pricing_on}}<p class="hint">Prices can be higher where many people are booking and few professionals are free.{{#usual_here}} In pincode {{pincode}} it is the usual price today.{{/usual_here}}{{#no_pincode}} Enter your pincode and choose “Check the price” to see yours before you book.{{/no_pincode}} The price shown here is the one you pay; if you change the pincode, check the price again.</p>{{/pricing_on}}
</section>{{/service}}
{{#times_form}}<form class="panel stack" method="get" action="/bookings/new" aria-labelledby="times-heading">
<h2 id="times-heading">Where is the visit?</h2>
<input type="hidden" name="service_id" value="{{service_id}}">
<input type="hidden" name="day" value="{{day}}">
<input type="hidden" name="address" value="{{address}}">
<input type="hidden" name="notes" value="{{notes}}">
{{#vendor}}<input type="hidden" name="vendor_id" value="{{id}}">
{{/vendor}}<div class="field">
<label for="times-pincode">Your pincode</label>
<input id="times-pincode" name="pincode" inputmode="numeric" maxlength="6" required aria-describedby="times-pincode-hint">
<p class="hint" id="times-pincode-hint">The times you can book appear once the pincode is entered.</p>
</div>
<button type="submit" class="secondary">Show times</button>
</form>
{{/times_form}}<form class="stack" method="post" action="/bookings/new">
<input type="hidden" name="csrf_token" value="{{csrf}}">
<input type="hidden" name="service_id" value="{{service_id}}">
<input type="hidden" name="form_key" value="{{form_key}}">
{{! Enter in a field presses the first submit button: let it be "Book now", not "Show professionals" or "Check the price". }}<button type="submit" hidden>Book now</button>
{{#quote}}<input type="hidden" name="quoted_paise" value="{{paise}}">
<input type="hidden" name="quoted_factor" value="{{factor}}">
{{/quote}}<div class="field">
<label for="address">Address</label>
<textarea id="address" name="address" rows="3" maxlength="300" required{{#address_error}} aria-invalid="true" aria-describedby="address-error"{{/address_error}}>{{address:pre_escape}}</textarea>
{{#address_error}}<p class="error" id="address-error">{{message}}</p>{{/address_error}}
</div>
<div class="field">
<label for="pincode">Pincode</label>
<input id="pincode" name="pincode" value="{{pincode}}" inputmode="numeric" maxlength="6" required{{#pincode_error}} aria-invalid="true" aria-describedby="pincode-error"{{/pincode_error}}>
{{#pincode_error}}<p class="error" id="pincode-error">{{message}}</p>{{/pincode_error}}
{{#can_check}}<button type="submit" name="step" value="quote" class="secondary">Check the price</button>{{/can_check}}
</div>
{{#choice}}<fieldset class="field choice" id="vendor_id"{{#vendor_id_error}} aria-describedby="vendor_id-error"{{/vendor_id_error}}>
<legend>Professional</legend>
{{#gone}}<p class="notice" role="status">The professional you chose before does not offer {{category}} in pincode {{pincode}} now: any available professional will be asked, unless you choose another below.</p>{{/gone}}
<div class="option"><input type="radio" id="vendor_id-any" name="vendor_id" value=""{{#any_checked}} checked{{/any_checked}}> <label for="vendor_id-any">Any available professional</label></div>
{{#vendor}}<div class="option"><input type="radio" id="vendor_id-{{id}}" name="vendor_id" value="{{id}}"{{#checked}} checked{{/checked}}> <label for="vendor_id-{{id}}">{{#photo}}<img class="face" src="{{src}}" width="{{width}}" height="{{height}}" alt=""> {{/photo}}<strong>{{name}}</strong> · {{#rated}}rated {{average}} of 5 ({{count}} {{reviews}}){{/rated}}{{#unrated}}no reviews yet{{/unrated}} · {{jobs}} {{jobs_word}} done · {{experience}}</label></div>
{{/vendor}}{{#no_pincode}}<p class="hint">Enter your pincode and choose “Show professionals for this pincode” to pick one.</p>{{/no_pincode}}
{{#nobody}}<p class="hint">No professional offers this in pincode {{pincode}} yet.</p>{{/nobody}}
<p class="hint">A professional you choose has the booking to themselves for a while; if they do not take it, every professional may.</p>
<button type="submit" name="step" value="vendors" class="secondary">Show professionals for this pincode</button>
{{#vendor_id_error}}<p class="error" id="vendor_id-error">{{message}}</p>{{/vendor_id_error}}
</fieldset>{{/choice}}
{{#when}}<fieldset class="field when" id="slot" aria-describedby="slot-hint{{#slot_error}} slot-error{{/slot_error}}">
<legend>Day and time</legend>
<input type="hidden" name="day" value="{{day}}">
<p class="hint" id="slot-hint">India Standard Time. Choose a day, then a start time on it: only times a professional is free for are shown.</p>
<ul class="days">
{{#day_choice}}<li><a href="{{href}}"{{#current}} aria-current="date"{{/current}}>{{label}}</a></li>
{{/day_choice}}</ul>
{{#times}}<p>Start times on {{day_label}}:</p>
<div class="slots">
{{#slot_option}}<div class="option slot"><input type="radio" id="slot-{{id}}" name="slot" value="{{value}}"{{#checked}} checked{{/checked}}> <label for="slot-{{id}}">{{value}}</label></div>
{{/slot_option}}</div>
{{/times}}{{#no_times}}<p class="notice">No times can be booked on {{day_label}} for this pincode: choose another day.</p>
{{/no_times}}{{#need_pincode}}<p class="notice">The times appear once the pincode is entered: enter it under “Where is the visit?” and choose “Show times”.</p>
{{/need_pincode}}{{#slot_error}}<p class="error" id="slot-error">{{message}}</p>
{{/slot_error}}{{#instead}}<p>The nearest free times:</p>
<ul class="instead">
{{#option}}<li><a href="{{href}}">{{label}}</a></li>
{{/option}}</ul>
{{/instead}}{{/when}}<details class="typed-time"{{#typed_open}} open{{/typed_open}}>
<summary>Type a date and time instead</summary>
<div class="field">
<label for="scheduled_date">Date and time</label>
<input id="scheduled_date" name="scheduled_date" {{#scheduled_date_as_text}}type="text"{{/scheduled_date_as_text}}{{#scheduled_date_as_picker}}type="datetime-local" min="{{min_when}}"{{/scheduled_date_as_picker}} value="{{scheduled_date}}" aria-describedby="scheduled_date-hint{{#scheduled_date_error}} scheduled_date-error{{/scheduled_date_error}}"{{#scheduled_date_error}} aria-invalid="true"{{/scheduled_date_error}}>
<p class="hint" id="scheduled_date-hint">India Standard Time. Visits start from {{hours_start}} and end by {{hours_end}}{{#latest}} (start this {{duration}}-minute visit by {{time}}){{/latest}}, at least {{lead}} and at most {{horizon}} ahead. Used when no time is chosen above.</p>
{{#scheduled_date_error}}<p class="error" id="scheduled_date-error">{{message}}</p>{{/scheduled_date_error}}
</div>
</details>
{{#when}}</fieldset>
{{/when}}<div class="field">
<label for="notes">Notes for the vendor <small>(optional)</small></label>
<textarea id="notes" name="notes" rows="3" maxlength="500"{{#notes_error}} aria-invalid="true" aria-describedby="notes-error"{{/notes_error}}>{{notes:pre_escape}}</textarea>
{{#notes_error}}<p class="error" id="notes-error">{{message}}</p>{{/notes_error}}
</div>
<button type="submit">Book now</button>
</form>
{{#service}}<section aria-labelledby="saved-heading">
<h2 id="saved-heading">Your saved addresses</h2>
<ul>
{{#saved}}<li><a href="{{href}}">Use {{address}}, {{pincode}}</a>{{#default}} <small>(default)</small>{{/default}}</li>
{{/saved}}</ul>
<p><a href="/addresses">Manage your addresses</a></p>
</section>{{/service}}
